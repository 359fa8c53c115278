using Attune.Learners;
using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// What the silo does without strategies, copied from src/Silo/Learners (BaselineScorer, GreedyPlanner) because the
/// bench does not reference the host: unfinished items scored by the share of classmates who engaged, ordered by
/// score, then items already started, then deadline, then id; then packed best first into the minutes.
/// </summary>
internal static class HostBaseline
{
    public static IReadOnlyList<ScoredCandidate> Score(LearnerHistory history, IEnumerable<Candidate> candidates) =>
        candidates
            .Where(c => history.Items.GetValueOrDefault(c.Item)?.IsFinished != true)
            .Select(c => new ScoredCandidate(c, c.CourseLearners > 0 ? (double)c.PeersEngaged / c.CourseLearners : 0,
                $"{c.PeersEngaged} of your {c.CourseLearners} classmates in {c.Course} have worked on this."))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => history.Items.ContainsKey(s.Candidate.Item))
            .ThenBy(s => s.Candidate.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s.Candidate.Item.Value, StringComparer.Ordinal)
            .ToList();

    public static LearningPlan Greedy(IReadOnlyList<ScoredCandidate> ranked, double? budgetMinutes, int limit)
    {
        var steps = new List<PlanStep>();
        var planned = 0.0;
        foreach (var scored in ranked)
        {
            if (steps.Count == limit)
            {
                break;
            }
            if (budgetMinutes is { } budget && planned + scored.Candidate.Minutes > budget)
            {
                continue;
            }
            steps.Add(new PlanStep(scored.Candidate, scored.Candidate.Minutes, scored.Reason ?? "Recommended.", scored.Score));
            planned += scored.Candidate.Minutes;
        }
        return new LearningPlan(steps);
    }
}
