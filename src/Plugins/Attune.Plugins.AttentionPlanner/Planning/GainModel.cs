using Attune.Plugins.KnowledgeTracing;
using Attune.Plugins.KnowledgeTracing.Planning;
using Attune.Plugins.SpacedRepetition;
using Attune.Plugins.AttentionPlanner.Learners;

namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>
/// Expected gain of doing a candidate now, in expected mastery points, from the learner's own state (strategies
/// cannot read each other's, so this plugin runs both engines; see the project file):
/// <list type="bullet">
/// <item><b>mastery</b>: Σ over the item's skills of gate·(1 − m)·T/T̄ — BKT's expected gain of one opportunity,
/// E[P(L) after] − p = (1 − p)·T (Corbett &amp; Anderson 1995), relative to the typical learning rate T̄ (the default
/// skill's): a fitted T is per answer, and an item holds an unknown number of answers, so only how skills compare is
/// kept. m is the planning estimate, T the skill's fitted learning rate, and gate = Π over prerequisites of
/// min(1, m_pre / ReadyAt): material whose prerequisites are not known yet teaches less;</item>
/// <item><b>recall</b>: (1 − R)·m̄ for an item reviewed before, R its FSRS recall now and m̄ the mean mastery of its
/// skills: what a review restores is what was known — an item never learned is not "forgotten", and the mastery term
/// already values learning it;</item>
/// <item><b>deadline</b>: 1 when due now or overdue (within the overdue window), falling linearly to 0 at the horizon;</item>
/// <item><b>score</b>: the candidate's place in the incoming order, 1 for the first down to 0 for the last, so the
/// recommender (or a previous strategy) breaks ties.</item>
/// </list>
/// Gains add up across items: two items on one weak skill are each valued from today's mastery. That is the
/// knapsack's approximation; the value of each item alone is exact under the models.
/// </summary>
public sealed class GainModel(AttentionPlannerOptions options, KnowledgeTracer tracer, SpacedRepetitionTracker memory, SkillGraph graph)
{
    /// <summary>What unlearned material ahead of the next unit, or a wheel-spinning skill, counts for.</summary>
    public const double Discount = 0.25;

    /// <summary>The gain of the candidate at <paramref name="rank"/> of <paramref name="count"/>.</summary>
    /// <param name="scored">The candidate.</param>
    /// <param name="rank">Its place in the incoming order.</param>
    /// <param name="count">How many candidates there are.</param>
    /// <param name="state">The learner's state.</param>
    /// <param name="now">The time.</param>
    /// <param name="mastery">The planning estimate per skill key, now.</param>
    /// <param name="nextUnitDue">The deadline of the next unit (see <see cref="NextUnitDue"/>), if any.</param>
    public CandidateGain Assess(ScoredCandidate scored, int rank, int count, AttentionState state, DateTimeOffset now, Func<string, double> mastery, DateOnly? nextUnitDue)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(state);
        var c = scored.Candidate;
        double masteryGain = 0, best = -1, targetMastery = 0, known = 0;
        var skills = 0;
        var typical = Math.Max(1e-9, tracer.Model.DefaultBkt.Learn);
        string? target = null;
        foreach (var key in KnowledgeTracer.KeysOf(c.Item, c.Skills))
        {
            var m = mastery(key);
            known += m;
            skills++;
            var gate = 1.0;
            foreach (var pre in graph.PrerequisitesOf(key))
            {
                gate *= Math.Min(1, mastery(pre) / Math.Max(1e-9, tracer.Options.ReadyAt));
            }
            var gain = gate * (1 - m) * tracer.LearnRate(key) / typical;
            if (tracer.IsWheelSpinning(state.Knowledge, key, m))
            {
                gain *= Discount;
            }
            masteryGain += gain;
            if (gain > best)
            {
                (best, target, targetMastery) = (gain, key, m);
            }
        }
        if (target is not null && targetMastery < tracer.Options.ReadyAt
            && nextUnitDue is { } unitDay && c.DueAt is { } itemDue && DateOnly.FromDateTime(itemDue.UtcDateTime) > unitDay)
        {
            masteryGain *= Discount;
        }
        var recall = memory.Retrievability(state.Memory, c.Item.Value, now);
        var urgency = 0.0;
        if (c.DueAt is { } due)
        {
            var daysLeft = (due - now).TotalDays;
            urgency = daysLeft < -options.OverdueDays ? 0 : Math.Clamp(1 - daysLeft / options.DueHorizonDays, 0, 1);
        }
        var place = count <= 1 ? 1 : 1 - (double)rank / (count - 1);
        return new CandidateGain(
            options.MasteryWeight * masteryGain,
            recall is { } r ? options.RecallWeight * (1 - r) * known / Math.Max(1, skills) : 0,
            options.DueWeight * urgency,
            options.ScoreWeight * place,
            target,
            targetMastery,
            target is not null && KnowledgeTracer.HasSeen(state.Knowledge, target),
            recall);
    }

    /// <summary>
    /// The next unit's deadline: the earliest UTC day, today or later, on which material not yet learned (a skill
    /// estimated below ReadyAt) is due; <c>null</c> when no such material has a deadline.
    /// </summary>
    public DateOnly? NextUnitDue(IReadOnlyList<ScoredCandidate> candidates, DateTimeOffset now, Func<string, double> mastery)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(mastery);
        DateOnly? first = null;
        foreach (var scored in candidates)
        {
            var c = scored.Candidate;
            if (c.DueAt is { } due && due >= now && KnowledgeTracer.KeysOf(c.Item, c.Skills).Any(k => mastery(k) < tracer.Options.ReadyAt))
            {
                var day = DateOnly.FromDateTime(due.UtcDateTime);
                first = first is { } f && f <= day ? f : day;
            }
        }
        return first;
    }
}
