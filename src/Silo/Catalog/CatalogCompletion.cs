namespace Attune.Silo.Catalog;

/// <summary>When the LMS counts an item as done: <c>view</c>, <c>submit</c>, <c>grade</c>, <c>pass</c> (with <c>passScore</c>) or <c>manual</c>.</summary>
public sealed record CatalogCompletion(string Rule, double? PassScore = null)
{
    public static readonly IReadOnlyList<string> Rules = ["view", "submit", "grade", "pass", "manual"];

    public static CatalogCompletion From(CompletionRule rule) => new(rule.Kind.ToString().ToLowerInvariant(), rule.PassScore);

    public CompletionRule ToRule() => new(Enum.Parse<CompletionKind>(Rule, ignoreCase: true), PassScore);
}
