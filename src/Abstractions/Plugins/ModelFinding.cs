namespace Attune.Plugins;

/// <summary>One thing a model found.</summary>
/// <param name="Kind">What sort of finding, in kebab-case (<c>inferred-prerequisite</c>, <c>item-effect</c>, ...).</param>
/// <param name="Subject">What it is about (a skill, an item, a pair).</param>
/// <param name="Text">The finding in words, with the evidence it rests on.</param>
public sealed record ModelFinding(string Kind, string Subject, string Text)
{
    /// <summary>The numbers behind it, each finite, names in camelCase.</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
}
