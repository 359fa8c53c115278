using Attune.Plugins;

namespace Attune.Silo.Learners;

/// <summary>
/// The built-in planner when no strategy is configured or all failed: takes candidates best first and keeps each one
/// that still fits the remaining minutes, until the limit.
/// </summary>
public static class GreedyPlanner
{
    public static LearningPlan Plan(IReadOnlyList<ScoredCandidate> ranked, double? budgetMinutes, int limit)
    {
        var steps = new List<PlanStep>();
        var planned = 0.0;
        foreach (var scored in ranked)
        {
            if (steps.Count == limit)
            {
                break;
            }
            var minutes = scored.Candidate.Minutes;
            if (budgetMinutes is { } budget && planned + minutes > budget)
            {
                continue; // does not fit what is left; a shorter item further down may
            }
            steps.Add(new PlanStep(scored.Candidate, minutes, scored.Reason ?? $"Recommended for {scored.Candidate.Course.Value}.", scored.Score));
            planned += minutes;
        }
        return new LearningPlan(steps);
    }
}
