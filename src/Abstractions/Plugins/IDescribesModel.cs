namespace Attune.Plugins;

/// <summary>
/// A plugin that can say, in words and numbers, what one of its stored models holds (what it found, with the evidence),
/// so admins can read a model version without the plugin's types: the host shows it at
/// <c>GET /api/v1/admin/models/{version}</c>. Optional, since SDK 1.2; for recommenders and trainable strategies alike.
/// </summary>
public interface IDescribesModel
{
    /// <summary>What <paramref name="artifact"/> (one of this plugin's) holds. Throw <see cref="FormatException"/> for one it cannot read.</summary>
    ModelDescription DescribeModel(ModelArtifact artifact);
}

/// <summary>What a model holds, as findings an admin reads.</summary>
/// <param name="Summary">One or two sentences on the model as a whole.</param>
/// <param name="Findings">What it found, most useful first.</param>
public sealed record ModelDescription(string Summary, IReadOnlyList<ModelFinding> Findings);

/// <summary>One thing a model found.</summary>
/// <param name="Kind">What sort of finding, in kebab-case (<c>inferred-prerequisite</c>, <c>item-effect</c>, ...).</param>
/// <param name="Subject">What it is about (a skill, an item, a pair).</param>
/// <param name="Text">The finding in words, with the evidence it rests on.</param>
public sealed record ModelFinding(string Kind, string Subject, string Text)
{
    /// <summary>The numbers behind it, each finite, names in camelCase.</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
}
