namespace Attune.Outcomes.Bench.Simulation;

/// <summary>One answer of a planner: item ids in order, the minutes the planner said they take, and plugin fallbacks it reported.</summary>
public sealed record Plan(IReadOnlyList<string> Items, double PlannedMinutes, int Fallbacks, IReadOnlyList<string> Reasons)
{
    public static readonly Plan Empty = new([], 0, 0, []);
}
