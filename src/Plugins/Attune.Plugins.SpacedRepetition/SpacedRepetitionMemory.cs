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
}
