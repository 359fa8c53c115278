namespace Attune.Plugins;

/// <summary>What a model holds, as findings an admin reads.</summary>
/// <param name="Summary">One or two sentences on the model as a whole.</param>
/// <param name="Findings">What it found, most useful first.</param>
public sealed record ModelDescription(string Summary, IReadOnlyList<ModelFinding> Findings);
