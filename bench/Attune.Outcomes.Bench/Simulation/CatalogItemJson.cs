namespace Attune.Outcomes.Bench.Simulation;

/// <summary>One catalog item as the bench sends it; null members are left out.</summary>
public sealed record CatalogItemJson(
    string Id, string Title, string Kind, double EstimatedMinutes, IReadOnlyList<string> Skills, int Position, string Section,
    IReadOnlyList<string>? PrerequisiteSkills, IReadOnlyList<string>? Prerequisites, CompletionJson? Completion);
