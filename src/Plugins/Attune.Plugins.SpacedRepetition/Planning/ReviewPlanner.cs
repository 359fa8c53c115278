using Attune.Plugins.SpacedRepetition.Learners;

namespace Attune.Plugins.SpacedRepetition.Planning;

/// <summary>
/// Puts reviews that are due first — items whose FSRS due date has come, lowest recall first — then material never
/// reviewed in the order the candidates came in, then leeches (due items forgotten again and again, see
/// <see cref="SpacedRepetitionOptions.LeechLapses"/>), then items reviewed recently (lowest recall first); packed into
/// the learner's remaining minutes and the step limit, skipping what does not fit.
/// </summary>
public sealed class ReviewPlanner(SpacedRepetitionTracker tracker)
{
    /// <summary>Chooses and orders steps.</summary>
    public LearningPlan Plan(PlanningContext context, SpacedRepetitionState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var now = context.Now;
        var scheduler = tracker.SchedulerFor(state);
        var due = new List<(ScoredCandidate Scored, double Recall, int Rank)>();
        var fresh = new List<(ScoredCandidate Scored, double Recall, int Rank)>();
        var recent = new List<(ScoredCandidate Scored, double Recall, int Rank)>();
        var leeches = new List<(ScoredCandidate Scored, double Recall, int Rank)>();
        var leechAt = tracker.Options.LeechLapses;
        for (var rank = 0; rank < context.Candidates.Count; rank++)
        {
            var scored = context.Candidates[rank];
            if (!state.TryGet(scored.Candidate.Item.Value, out var memory))
            {
                fresh.Add((scored, 1, rank));
                continue;
            }
            var recall = scheduler.Retrievability(memory, now);
            var list = now < memory.Due ? recent : leechAt > 0 && memory.Lapses >= leechAt ? leeches : due;
            list.Add((scored, recall, rank));
        }
        due.Sort((a, b) => a.Recall.CompareTo(b.Recall) is var c and not 0 ? c : a.Rank.CompareTo(b.Rank));
        leeches.Sort((a, b) => a.Recall.CompareTo(b.Recall) is var c and not 0 ? c : a.Rank.CompareTo(b.Rank));
        recent.Sort((a, b) => a.Recall.CompareTo(b.Recall) is var c and not 0 ? c : a.Rank.CompareTo(b.Rank));

        var budget = AttentionBudget.RemainingMinutes(context);
        var steps = new List<PlanStep>();
        var planned = 0.0;
        foreach (var (scored, recall, group) in due.Select(d => (d.Scored, d.Recall, 0))
                     .Concat(fresh.Select(f => (f.Scored, f.Recall, 1)))
                     .Concat(leeches.Select(l => (l.Scored, l.Recall, 3)))
                     .Concat(recent.Select(r => (r.Scored, r.Recall, 2))))
        {
            if (steps.Count >= context.Limit)
            {
                break;
            }
            var c = scored.Candidate;
            if (budget is { } b && planned + c.Minutes > b + 1e-9)
            {
                continue;
            }
            var reason = group switch
            {
                0 => RecallWording.ReviewNow(recall),
                3 => RecallWording.Leech(recall, state.Items[c.Item.Value].Lapses),
                2 => RecallWording.NotDue(recall, state.Items[c.Item.Value].Due, now),
                _ => string.IsNullOrWhiteSpace(scored.Reason) ? $"new to you: next in {c.Course.Value}" : scored.Reason,
            };
            steps.Add(new PlanStep(c, c.Minutes, reason, scored.Score));
            planned += c.Minutes;
        }
        return new LearningPlan(steps);
    }
}
