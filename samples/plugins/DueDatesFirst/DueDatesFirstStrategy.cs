using Attune.Learners;
using Attune.Plugins;

namespace Attune.Samples.DueDatesFirst;

/// <summary>
/// Puts deadlines first: recently overdue items, then items due soon, nearest deadline first, then everything else
/// in the order of its score; packed into the learner's minutes and the step limit. Each learner's finishing pace is
/// kept in the plugin's state, so a deadline that is closer than the learner usually needs says so.
/// </summary>
[AttunePlugin("due-dates-first", Description = "Plans overdue and soon-due items first, nearest deadline first, then the rest by score.")]
public sealed class DueDatesFirstStrategy : ILearningStrategy
{
    private readonly PluginContext _context;
    private readonly DueDatesFirstOptions _options;

    /// <summary>Reads the settings; the host reports bad settings as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public DueDatesFirstStrategy(PluginContext context)
    {
        _context = context;
        _options = context.Settings.Bind<DueDatesFirstOptions>();
        if (_options.Problem() is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
    }

    /// <summary>
    /// Recomputes the pace when the event finishes an item; any other event leaves the state as it is (a late event that
    /// moves an item's first-seen time back is picked up at the next finish), except that a state in an older format
    /// is upgraded on the first event that meets it.
    /// </summary>
    public PluginState Observe(ObservationContext context)
    {
        var (state, learningEvent, history) = (context.State, context.Event, context.History);
        if (Finishes(learningEvent.Kind))
        {
            // From the history, not by adding this event: a repeated or late "completed" must not count twice.
            return FinishingPace.From(history).ToState();
        }
        var pace = FinishingPace.Read(state, history, out var upgraded);
        if (upgraded)
        {
            _context.Logger.Log(PluginLogLevel.Debug, null, "Upgraded a learner's state from version {Version} to {Current}",
                state.Version, FinishingPace.CurrentVersion);
            return pace.ToState();
        }
        return state;
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        var now = context.Now;
        var pace = FinishingPace.Read(context.State, context.History, out _);
        var horizon = now + TimeSpan.FromDays(_options.HorizonDays);
        var oldestOverdue = now - TimeSpan.FromDays(_options.OverdueDays);

        var overdue = new List<(ScoredCandidate Scored, int Rank)>();
        var dueSoon = new List<(ScoredCandidate Scored, int Rank)>();
        var rest = new List<(ScoredCandidate Scored, int Rank)>();
        for (var rank = 0; rank < context.Candidates.Count; rank++)
        {
            var scored = context.Candidates[rank];
            var c = scored.Candidate;
            if (context.History.Items.TryGetValue(c.Item, out var progress) && progress.IsFinished)
            {
                continue; // a previous strategy or the recommender may pass finished items; they need no deadline
            }
            var group = c.DueAt switch
            {
                { } due when due < now && due >= oldestOverdue && _options.OverdueDays > 0 => overdue,
                { } due when due >= now && due <= horizon => dueSoon,
                _ => rest,
            };
            group.Add((scored, rank));
        }
        // Nearest deadline first; equal deadlines keep the order the candidates came in (best score first).
        overdue.Sort((a, b) => a.Scored.Candidate.DueAt!.Value.CompareTo(b.Scored.Candidate.DueAt!.Value) is var d and not 0 ? d : a.Rank.CompareTo(b.Rank));
        dueSoon.Sort((a, b) => a.Scored.Candidate.DueAt!.Value.CompareTo(b.Scored.Candidate.DueAt!.Value) is var d and not 0 ? d : a.Rank.CompareTo(b.Rank));
        // Candidates usually arrive best first, but a previous strategy may have reordered them: sort by score, stably.
        rest.Sort((a, b) => b.Scored.Score.CompareTo(a.Scored.Score) is var d and not 0 ? d : a.Rank.CompareTo(b.Rank));

        var steps = new List<PlanStep>();
        var planned = 0.0;
        foreach (var (scored, group) in overdue.Select(s => (s.Scored, Group.Overdue))
                     .Concat(dueSoon.Select(s => (s.Scored, Group.DueSoon)))
                     .Concat(rest.Select(s => (s.Scored, Group.Rest))))
        {
            if (steps.Count >= context.Limit)
            {
                break;
            }
            var minutes = scored.Candidate.Minutes;
            if (context.BudgetMinutes is { } budget && planned + minutes > budget)
            {
                continue; // does not fit what is left; a shorter item further down may
            }
            steps.Add(new PlanStep(scored.Candidate, minutes, Reason(scored, group, pace, now), scored.Score));
            planned += minutes;
        }
        return new LearningPlan(steps);
    }

    private string Reason(ScoredCandidate scored, Group group, FinishingPace pace, DateTimeOffset now)
    {
        var c = scored.Candidate;
        switch (group)
        {
            case Group.Overdue:
                return DueDateWording.Overdue(c.DueAt!.Value, now);
            case Group.DueSoon:
                var reason = DueDateWording.DueSoon(c.DueAt!.Value, now);
                if (pace.FinishedItems >= _options.PaceAfterFinishedItems && pace.TypicalLead is { } lead && c.DueAt.Value - now < lead)
                {
                    reason += $" You usually finish an item {DueDateWording.Duration(lead)} after first opening it, so start today.";
                }
                return reason;
            default:
                var why = string.IsNullOrWhiteSpace(scored.Reason) ? $"Recommended next in {c.Course}." : scored.Reason;
                return c.DueAt is { } due && due > now ? $"{DueDateWording.Later(due, now)} {why}" : why;
        }
    }

    private static bool Finishes(EventKind kind) => kind == EventKind.Completed || kind == EventKind.Submitted || kind == EventKind.Graded;

    private enum Group
    {
        Overdue,
        DueSoon,
        Rest,
    }
}
