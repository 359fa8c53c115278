using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Planning;

/// <summary>
/// Plans practice the way mastery learning does (Corbett &amp; Anderson 1995; Bloom 1968): first the weakest skills the
/// learner has started and is ready for (every prerequisite at <see cref="KnowledgeTracingOptions.ReadyAt"/>), then
/// new material in the order the candidates came in, then skills the learner is wheel-spinning on (many answers, no
/// progress: Beck &amp; Gong 2013), then material whose prerequisites are not ready yet, and skills already mastered last. After each step it assumes the expected BKT learning, (1 − p)·T, so the next
/// step goes to whichever skill is now weakest instead of piling every step onto one skill.
/// </summary>
public sealed class PracticePlanner(KnowledgeTracer tracer, SkillGraph graph)
{
    /// <summary>Chooses and orders steps within the learner's remaining minutes and the step limit.</summary>
    public LearningPlan Plan(PlanningContext context, KnowledgeState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var budget = AttentionBudget.RemainingMinutes(context);
        var now = context.Now;
        var candidates = context.Candidates;
        var keys = new string[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            keys[i] = KnowledgeTracer.KeysOf(candidates[i].Candidate.Item, candidates[i].Candidate.Skills).ToArray();
        }
        var actual = new Dictionary<string, double>(StringComparer.Ordinal);
        double Actual(string key)
        {
            if (!actual.TryGetValue(key, out var m))
            {
                actual[key] = m = tracer.Mastery(state, key, now);
            }
            return m;
        }
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        double Expected(string key) => expected.TryGetValue(key, out var m) ? m : Actual(key);

        var unit = new UnitContext(candidates, state, graph, now);
        var steps = new List<PlanStep>();
        var used = new bool[candidates.Count];
        var planned = 0.0;
        while (steps.Count < context.Limit)
        {
            var best = -1;
            Assessment bestAssessment = default;
            for (var i = 0; i < candidates.Count; i++)
            {
                var minutes = candidates[i].Candidate.Minutes;
                if (used[i] || (budget is { } b && planned + minutes > b + 1e-9))
                {
                    continue;
                }
                var a = Assess(keys[i], state, Expected);
                if (best < 0 || a.Group < bestAssessment.Group || (a.Group == bestAssessment.Group && a.Priority < bestAssessment.Priority - 1e-12))
                {
                    best = i;
                    bestAssessment = a;
                }
            }
            if (best < 0)
            {
                break;
            }
            used[best] = true;
            var chosen = candidates[best];
            planned += chosen.Candidate.Minutes;
            steps.Add(new PlanStep(chosen.Candidate, chosen.Candidate.Minutes, Reason(chosen, bestAssessment, Actual, unit), chosen.Score));
            if (bestAssessment.Target is { } target)
            {
                var m = Expected(target);
                expected[target] = m + (1 - m) * tracer.LearnRate(target);
            }
        }
        return new LearningPlan(steps);
    }

    private Assessment Assess(string[] keys, KnowledgeState state, Func<string, double> mastery)
    {
        var threshold = tracer.Options.MasteryThreshold;
        string? ready = null, blocked = null;
        double readyMastery = double.MaxValue, blockedMastery = double.MaxValue;
        foreach (var key in keys)
        {
            var m = mastery(key);
            if (m >= threshold)
            {
                continue;
            }
            if (IsReady(key, mastery))
            {
                if (m < readyMastery)
                {
                    (ready, readyMastery) = (key, m);
                }
            }
            else if (m < blockedMastery)
            {
                (blocked, blockedMastery) = (key, m);
            }
        }
        if (ready is not null)
        {
            return !KnowledgeTracer.HasSeen(state, ready) ? new Assessment(Group.New, 0, ready)
                : tracer.IsWheelSpinning(state, ready, readyMastery) ? new Assessment(Group.Stuck, readyMastery, ready)
                : new Assessment(Group.Practise, readyMastery, ready);
        }
        return blocked is not null ? new Assessment(Group.Blocked, 0, blocked) : new Assessment(Group.Mastered, 0, null);
    }

    private bool IsReady(string key, Func<string, double> mastery)
    {
        foreach (var pre in graph.PrerequisitesOf(key))
        {
            if (mastery(pre) < tracer.Options.ReadyAt)
            {
                return false;
            }
        }
        return true;
    }

    private string Reason(ScoredCandidate scored, Assessment a, Func<string, double> mastery, UnitContext unit)
    {
        var c = scored.Candidate;
        string Name(string key) => KnowledgeState.IsItemKey(key) ? c.Title ?? c.Item.Value : graph.NameOf(key);
        switch (a.Group)
        {
            case Group.Practise:
                return MasteryWording.Practise(Name(a.Target!), mastery(a.Target!), unit.NeededFor(a.Target!, mastery, tracer.Options.MasteryThreshold));
            case Group.New:
                return MasteryWording.Start(Name(a.Target!), unit.NeededFor(a.Target!, mastery, tracer.Options.MasteryThreshold));
            case Group.Stuck:
                return MasteryWording.Stuck(Name(a.Target!), mastery(a.Target!));
            case Group.Blocked:
                var weakest = graph.PrerequisitesOf(a.Target!).OrderBy(mastery).ThenBy(p => p, StringComparer.Ordinal).First();
                return MasteryWording.Blocked(Name(a.Target!), graph.NameOf(weakest), mastery(weakest));
            default:
                var key = KnowledgeTracer.KeysOf(c.Item, c.Skills).OrderBy(mastery).ThenBy(k => k, StringComparer.Ordinal).First();
                return MasteryWording.Mastered(Name(key), mastery(key));
        }
    }

    private enum Group
    {
        Practise,
        New,
        Stuck,
        Blocked,
        Mastered,
    }

    private readonly record struct Assessment(Group Group, double Priority, string? Target);
}
