using System.Buffers.Binary;
using Attune.Learners;
using Attune.Plugins;

namespace Attune.Samples.DueDatesFirst;

/// <summary>
/// How a learner paces their work: how many items they finished, and how long after first opening an item they
/// finished it. Kept per learner in the strategy's <see cref="PluginState"/>, in bytes this plugin writes and reads.
/// </summary>
/// <remarks>
/// Formats:
/// <list type="bullet">
/// <item>version 1 (DueDatesFirst 1.x): the number of finished items, an Int32;</item>
/// <item>version 2 (DueDatesFirst 2.x): the number of finished items, an Int32, then the total hours from first seen
/// to finished over those items, a Double; both little-endian.</item>
/// </list>
/// Version 1 did not record lead times, but the history has each item's first-seen and finished times, so an old
/// state is upgraded exactly by recomputing from the history. Unknown versions (a newer plugin was rolled back) and
/// corrupt bytes are rebuilt the same way, so no learner is ever stuck on a state this version cannot read.
/// </remarks>
/// <param name="FinishedItems">Items the learner has finished.</param>
/// <param name="TotalLeadHours">Sum over those items of the hours from first seen to finished.</param>
public sealed record FinishingPace(int FinishedItems, double TotalLeadHours)
{
    /// <summary>The version this plugin writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>A learner who has finished nothing.</summary>
    public static FinishingPace None { get; } = new(0, 0);

    /// <summary>Mean time from first opening an item to finishing it, once there are finished items.</summary>
    public TimeSpan? TypicalLead => FinishedItems > 0 ? TimeSpan.FromHours(TotalLeadHours / FinishedItems) : null;

    /// <summary>Computes the pace from the history: every finished item counts, with the time from first seen to finished.</summary>
    public static FinishingPace From(LearnerHistory history)
    {
        var finished = 0;
        var hours = 0.0;
        foreach (var item in history.Items.Values)
        {
            if (item.FinishedAt is { } done)
            {
                finished++;
                // A late-arriving event can put first-seen after finished for a moment; a lead is never negative.
                hours += Math.Max(0, (done - item.FirstSeen).TotalHours);
            }
        }
        return new FinishingPace(finished, hours);
    }

    /// <summary>Reads any state this plugin ever wrote, upgrading older versions with the help of the history.</summary>
    /// <param name="state">The stored state.</param>
    /// <param name="history">The learner's history, used to rebuild what an older version did not record.</param>
    /// <param name="upgraded">Whether the state was not in <see cref="CurrentVersion"/> and had to be rebuilt.</param>
    public static FinishingPace Read(PluginState state, LearnerHistory history, out bool upgraded)
    {
        upgraded = false;
        if (state.IsEmpty)
        {
            return None;
        }
        if (state.Version == CurrentVersion && state.Data.Length == 12)
        {
            var span = state.Data.Span;
            var finished = BinaryPrimitives.ReadInt32LittleEndian(span[..4]);
            var hours = BinaryPrimitives.ReadDoubleLittleEndian(span[4..12]);
            if (finished >= 0 && double.IsFinite(hours) && hours >= 0)
            {
                return new FinishingPace(finished, hours);
            }
        }
        // Version 1, a version from the future, or corrupt bytes: the history has everything needed to start afresh.
        upgraded = true;
        return From(history);
    }

    /// <summary>Writes this pace in <see cref="CurrentVersion"/>.</summary>
    public PluginState ToState()
    {
        var data = new byte[12];
        // A fixed byte order, so a state written on one silo reads the same on any other.
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(0, 4), FinishedItems);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(4, 8), TotalLeadHours);
        return new PluginState(CurrentVersion, data);
    }
}
