using Attune.Plugins.SpacedRepetition.Fsrs;
using Attune.Plugins.SpacedRepetition.Learners;

namespace Attune.Plugins.SpacedRepetition;

/// <summary>
/// The spaced-repetition engine, apart from the plugin contract so the attention planner can run the same rules:
/// which events are reviews and with what rating, how one updates a learner's <see cref="SpacedRepetitionState"/>
/// (FSRS memory, review log, per-learner fit), and how likely the learner is to recall an item now.
/// </summary>
public sealed class SpacedRepetitionTracker
{
    private readonly HashSet<string> _reviewKinds;
    private readonly FsrsScheduler _tenant;

    /// <summary>Creates an engine with these settings.</summary>
    /// <exception cref="FormatException">The weights setting is not 21 numbers.</exception>
    public SpacedRepetitionTracker(SpacedRepetitionOptions options, FsrsFitOptions? fitOptions = null)
    {
        Options = options;
        FitOptions = fitOptions ?? new FsrsFitOptions();
        _reviewKinds = options.ReviewKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        TenantParameters = options.Parameters();
        _tenant = new FsrsScheduler(TenantParameters);
    }

    /// <summary>The settings.</summary>
    public SpacedRepetitionOptions Options { get; }

    /// <summary>How per-learner fits search.</summary>
    public FsrsFitOptions FitOptions { get; }

    /// <summary>The tenant's parameters (settings or FSRS-6 defaults).</summary>
    public FsrsParameters TenantParameters { get; }

    /// <summary>The scheduler for this learner: their own weights when a fit was kept, else the tenant's.</summary>
    public FsrsScheduler SchedulerFor(SpacedRepetitionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Personal is { } personal ? new FsrsScheduler(TenantParameters.WithWeights(personal.Weights)) : _tenant;
    }

    /// <summary>The rating <paramref name="e"/> gives its item, or <c>null</c> when it is not a review.</summary>
    public Rating? RatingOf(LearningEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return _reviewKinds.Contains(e.Kind.Name) ? Options.RatingFor(e.Kind, e.Score) : null;
    }

    /// <summary>
    /// Folds one event into <paramref name="state"/>; returns whether it counted as a review. When it triggers a
    /// per-learner fit, <paramref name="fit"/> says what came of it.
    /// </summary>
    public bool Observe(SpacedRepetitionState state, LearningEvent e, out FsrsFit? fit)
    {
        ArgumentNullException.ThrowIfNull(state);
        fit = null;
        if (RatingOf(e) is not { } rating)
        {
            return false;
        }
        var item = e.Item.Value;
        MemoryState? previous = null;
        if (state.TryGet(item, out var memory))
        {
            // A chain in time: an older event cannot be inserted, and a second review on the same UTC day is feedback, not recall.
            if (e.Timestamp.UtcTicks < memory.LastReviewTicks || FsrsScheduler.ElapsedDays(memory.LastReview, e.Timestamp) == 0)
            {
                return false;
            }
            previous = memory;
        }
        state.Set(item, SchedulerFor(state).Review(previous, e.Timestamp, rating));
        state.TotalReviews++;
        state.Log.Add(new ReviewRecord(item, DateOnly.FromDateTime(e.Timestamp.UtcDateTime).DayNumber, rating));
        if (state.Log.Count > Options.MaxLoggedReviews)
        {
            state.Log.RemoveRange(0, state.Log.Count - Options.MaxLoggedReviews);
        }
        if (Options.PersonalFit && state.TotalReviews >= Options.FitAfterReviews
            && (state.LastFitAttempt == 0 || state.TotalReviews - state.LastFitAttempt >= Options.FitEveryReviews))
        {
            fit = FitLearner(state);
        }
        return true;
    }

    /// <summary>The learner's recall probability of <paramref name="item"/> at <paramref name="now"/>, if it was ever reviewed.</summary>
    public double? Retrievability(SpacedRepetitionState state, string item, DateTimeOffset now) =>
        state.TryGet(item, out var memory) ? SchedulerFor(state).Retrievability(memory, now) : null;

    /// <summary>Fits the learner's own weights on their complete item histories; keeps them only if held-out log loss falls.</summary>
    private FsrsFit FitLearner(SpacedRepetitionState state)
    {
        state.LastFitAttempt = state.TotalReviews;
        var complete = CompleteItems(state);
        var log = state.Log.Where(r => complete.Contains(r.Item)).ToList();
        var current = SchedulerFor(state).Parameters;
        var fit = FsrsOptimizer.Fit(log, current, FitOptions);
        if (fit.Accepted)
        {
            state.Personal = new PersonalFit(fit.Weights.ToArray(), state.TotalReviews, fit.HeldOutLogLossBefore, fit.HeldOutLogLossAfter);
            Replay(state, complete);
        }
        return fit;
    }

    /// <summary>Items whose every review is still in the log (older ones may have been dropped).</summary>
    private static HashSet<string> CompleteItems(SpacedRepetitionState state)
    {
        var logged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in state.Log)
        {
            logged[r.Item] = logged.GetValueOrDefault(r.Item) + 1;
        }
        return logged.Where(p => state.TryGet(p.Key, out var m) && m.Reps == p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Recomputes the memory of items with a complete log under the learner's new weights.</summary>
    private void Replay(SpacedRepetitionState state, HashSet<string> complete)
    {
        var scheduler = SchedulerFor(state);
        foreach (var group in state.Log.Where(r => complete.Contains(r.Item)).GroupBy(r => r.Item, StringComparer.Ordinal))
        {
            MemoryState? memory = null;
            foreach (var r in group)
            {
                // Elapsed days depend on UTC dates only, so midnight of the logged day reproduces the review.
                memory = scheduler.Review(memory, new DateTimeOffset(DateOnly.FromDayNumber(r.Day), TimeOnly.MinValue, TimeSpan.Zero), r.Rating);
            }
            state.TryGet(group.Key, out var before);
            state.Set(group.Key, memory!.Value with { LastReviewTicks = before.LastReviewTicks, Lapses = before.Lapses });
        }
    }
}
