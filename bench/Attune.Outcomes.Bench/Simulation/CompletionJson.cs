namespace Attune.Outcomes.Bench.Simulation;

/// <summary>An item's completion rule as the LMS states it (<c>{"rule":"grade"}</c>).</summary>
public sealed record CompletionJson(string Rule, double? PassScore);
