using Attune.Plugins.AttentionPlanner.Learners;
using Attune.Plugins.KnowledgeTracing;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Planning;
using Attune.Plugins.SpacedRepetition.Planning;

namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>
/// Spends the learner's remaining minutes where they earn the most: each candidate's expected gain
/// (<see cref="GainModel"/>), the set with the largest total that fits the minutes and the step limit
/// (<see cref="KnapsackPlanner"/>, exact), then an order a learner can follow: deadlines today or in the next two
/// calendar days first (soonest first), then reviews (lowest recall first), then practice and new material with prerequisites before what
/// builds on them, then the rest in the incoming order.
/// </summary>
public sealed class AttentionBudgetPlanner(AttentionPlannerOptions options, KnowledgeTracer tracer, GainModel gains, SkillGraph graph)
{
    /// <summary>Chooses and orders steps.</summary>
    public LearningPlan Plan(PlanningContext context, AttentionState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var budget = AttentionBudget.RemainingMinutes(context);
        var candidates = context.Candidates;
        if (candidates.Count == 0 || context.Limit <= 0 || budget is <= 0)
        {
            return new LearningPlan([]);
        }
        var now = context.Now;
        var estimates = new Dictionary<string, double>(StringComparer.Ordinal);
        double Mastery(string key)
        {
            if (!estimates.TryGetValue(key, out var m))
            {
                estimates[key] = m = tracer.Mastery(state.Knowledge, key, now);
            }
            return m;
        }

        var nextUnit = gains.NextUnitDue(candidates, now, Mastery);
        var assessed = new CandidateGain[candidates.Count];
        var minutes = new double[candidates.Count];
        var totals = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            assessed[i] = gains.Assess(candidates[i], i, candidates.Count, state, now, Mastery, nextUnit);
            minutes[i] = candidates[i].Candidate.Minutes;
            totals[i] = assessed[i].Total;
        }
        var solution = KnapsackPlanner.Solve(minutes, totals, budget, context.Limit, options.ResolutionMinutes);

        var unit = new UnitContext(candidates, state.Knowledge, graph, now);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = solution.Chosen
            .Select(i => (Index: i, Group: GroupOf(candidates[i].Candidate, assessed[i], now)))
            .OrderBy(x => x.Group)
            .ThenBy(x => x.Group switch
            {
                Group.Deadline => candidates[x.Index].Candidate.DueAt!.Value.UtcTicks,
                Group.Review => (long)((assessed[x.Index].RecallNow ?? 1) * 1e9),
                Group.Practice => Depth(assessed[x.Index].Target, depth),
                _ => 0,
            })
            .ThenBy(x => x.Group == Group.Practice ? assessed[x.Index].TargetMastery : 0)
            .ThenBy(x => candidates[x.Index].Candidate.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(x => x.Index)
            .ToList();
        var steps = ordered
            .Select(x => new PlanStep(candidates[x.Index].Candidate, minutes[x.Index],
                Reason(candidates[x.Index], assessed[x.Index], x.Group, now, unit, Mastery), Math.Round(totals[x.Index], 6)))
            .ToList();
        return new LearningPlan(steps);
    }

    private Group GroupOf(Candidate c, in CandidateGain g, DateTimeOffset now)
    {
        if (c.DueAt is { } due && g.Due > 0
            && DateOnly.FromDateTime(due.UtcDateTime).DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber <= 2)
        {
            return Group.Deadline;
        }
        if (g.Recall > 0 && g.Recall >= g.Mastery && g.Recall >= g.Score)
        {
            return Group.Review;
        }
        return g.Mastery > 0 && g.Mastery >= g.Score ? Group.Practice : Group.Other;
    }

    private string Reason(ScoredCandidate scored, in CandidateGain g, Group group, DateTimeOffset now, UnitContext unit, Func<string, double> mastery)
    {
        var c = scored.Candidate;
        var skill = g.Target is null ? null : SkillReason(c, g, unit, mastery);
        var due = c.DueAt is { } d && d <= now.AddDays(options.DueHorizonDays) && g.Due > 0 ? DueWording.Due(d, now) : null;
        return group switch
        {
            Group.Deadline => skill is null || g.Mastery <= 0 ? due! : $"{due}; {skill}",
            Group.Review => RecallWording.ReviewNow(g.RecallNow ?? 1) + (due is null ? "" : $"; {due}"),
            Group.Practice => skill! + (due is null ? "" : $"; {due}"),
            _ => (string.IsNullOrWhiteSpace(scored.Reason) ? $"recommended next in {c.Course.Value}" : scored.Reason) + (due is null ? "" : $"; {due}"),
        };
    }

    private string SkillReason(Candidate c, in CandidateGain g, UnitContext unit, Func<string, double> mastery)
    {
        var name = KnowledgeState.IsItemKey(g.Target!) ? c.Title ?? c.Item.Value : graph.NameOf(g.Target!);
        var neededFor = unit.NeededFor(g.Target!, mastery, tracer.Options.MasteryThreshold);
        return g.TargetSeen ? MasteryWording.Practise(name, g.TargetMastery, neededFor) : MasteryWording.Start(name, neededFor);
    }

    /// <summary>How many prerequisites deep a skill is (0 with none), so prerequisites are practised first.</summary>
    private int Depth(string? key, Dictionary<string, int> memo)
    {
        if (key is null)
        {
            return 0;
        }
        if (memo.TryGetValue(key, out var d))
        {
            return d;
        }
        memo[key] = 0; // a cycle (refused at load) cannot recurse forever
        var depth = 0;
        foreach (var pre in graph.PrerequisitesOf(key))
        {
            depth = Math.Max(depth, 1 + Depth(pre, memo));
        }
        return memo[key] = depth;
    }

    private enum Group
    {
        Deadline,
        Review,
        Practice,
        Other,
    }
}
