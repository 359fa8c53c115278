using Attune.Plugins.SpacedRepetition.Learners;

namespace Attune.Plugins.SpacedRepetition;

/// <summary>
/// Reads a learner's memory per item out of the plugin's state bytes, for the host to show on the learner model.
/// Pure and static; bytes it cannot read give no rows.
/// </summary>
public static class SpacedRepetitionMemory
{
    /// <summary>Memory per item at <paramref name="now"/>, lowest recall first (ties by item id).</summary>
    public static IReadOnlyList<ItemRecall> Read(PluginState state, DateTimeOffset now, PluginSettings? settings = null)
    {
        var options = (settings ?? PluginSettings.Empty).Bind<SpacedRepetitionOptions>();
        return Read(SpacedRepetitionState.Read(state, out _), now, new SpacedRepetitionTracker(options));
    }

    /// <summary>Memory per item of an already-read state.</summary>
    public static IReadOnlyList<ItemRecall> Read(SpacedRepetitionState state, DateTimeOffset now, SpacedRepetitionTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tracker);
        var scheduler = tracker.SchedulerFor(state);
        return state.Items
            .Select(p => new ItemRecall(p.Key, p.Value.Stability, p.Value.Difficulty, scheduler.Retrievability(p.Value, now), p.Value.Due, p.Value.Reps, p.Value.Lapses))
            .OrderBy(r => r.Recall)
            .ThenBy(r => r.Item, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The learner's memory as the host shows it on the learner model, lowest recall first: per item the probability of
    /// recall now, the due date, the latest review, and as values <c>stability</c> (days), <c>difficulty</c> (1 to 10),
    /// <c>reviews</c> and <c>lapses</c>.
    /// </summary>
    public static LearnerDescription Describe(SpacedRepetitionState state, DateTimeOffset now, SpacedRepetitionTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tracker);
        var scheduler = tracker.SchedulerFor(state);
        var items = state.Items
            .Select(p => (Item: p.Key, Memory: p.Value, Recall: scheduler.Retrievability(p.Value, now)))
            .OrderBy(r => r.Recall)
            .ThenBy(r => r.Item, StringComparer.Ordinal)
            .Select(r => new ItemDescription(new ItemId(r.Item))
            {
                Recall = r.Recall,
                DueAt = r.Memory.Due,
                LastPracticed = r.Memory.LastReview,
                Values = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["stability"] = r.Memory.Stability,
                    ["difficulty"] = r.Memory.Difficulty,
                    ["reviews"] = r.Memory.Reps,
                    ["lapses"] = r.Memory.Lapses,
                },
            })
            .ToList();
        return new LearnerDescription([], items);
    }
}
