using System.Text;
using Attune.Plugins;
using Attune.Plugins.SpacedRepetition.Fsrs;

namespace Attune.Plugins.SpacedRepetition.Learners;

/// <summary>
/// One learner's spaced-repetition state: FSRS memory per item, the newest reviews (for the per-learner fit), and
/// the learner's own weights when a fit was kept.
/// </summary>
/// <remarks>
/// <para>Format version 1, little-endian: Int32 item count; per item in ordinal order: id (length-prefixed UTF-8),
/// Double stability, Double difficulty, Int64 last review UTC ticks, Int32 scheduled days, Int32 reps, Int32 lapses.
/// Int32 total reviews, Int32 reviews at the last fit attempt. Int32 log length; per review: Int32 index into the
/// items above, Int32 UTC day number, Byte rating. Byte 1 if personal weights follow: 21 Doubles, Int32 reviews at
/// fit, Double held-out log loss before, Double after.</para>
/// <para>Bounded by distinct items plus the log, which keeps the newest <see cref="SpacedRepetitionOptions.MaxLoggedReviews"/>.
/// Bytes this version cannot read are rebuilt empty (the history has no ratings to rebuild them from).</para>
/// </remarks>
public sealed class SpacedRepetitionState
{
    /// <summary>The format version this plugin writes.</summary>
    public const int CurrentVersion = 1;

    private readonly Dictionary<string, MemoryState> _items = new(StringComparer.Ordinal);

    /// <summary>Memory per item id.</summary>
    public IReadOnlyDictionary<string, MemoryState> Items => _items;

    /// <summary>The newest counted reviews, oldest first.</summary>
    public List<ReviewRecord> Log { get; } = [];

    /// <summary>Reviews counted since the learner was first seen (the log may have dropped older ones).</summary>
    public int TotalReviews { get; set; }

    /// <summary><see cref="TotalReviews"/> when a fit was last tried (0 before the first).</summary>
    public int LastFitAttempt { get; set; }

    /// <summary>The learner's own weights, when a fit was kept.</summary>
    public PersonalFit? Personal { get; set; }

    /// <summary>The memory of <paramref name="item"/>, if reviewed.</summary>
    public bool TryGet(string item, out MemoryState memory) => _items.TryGetValue(item, out memory);

    /// <summary>Sets the memory of <paramref name="item"/>.</summary>
    public void Set(string item, MemoryState memory) => _items[item] = memory;

    /// <summary>Writes the state in <see cref="CurrentVersion"/>.</summary>
    public PluginState ToState()
    {
        using var stream = new MemoryStream(64 + _items.Count * 64 + Log.Count * 9);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var ids = _items.Keys.Order(StringComparer.Ordinal).ToList();
            var index = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
            w.Write(ids.Count);
            foreach (var id in ids)
            {
                index[id] = index.Count;
                var m = _items[id];
                w.Write(id);
                w.Write(m.Stability);
                w.Write(m.Difficulty);
                w.Write(m.LastReviewTicks);
                w.Write(m.ScheduledDays);
                w.Write(m.Reps);
                w.Write(m.Lapses);
            }
            w.Write(TotalReviews);
            w.Write(LastFitAttempt);
            w.Write(Log.Count);
            foreach (var r in Log)
            {
                w.Write(index[r.Item]);
                w.Write(r.Day);
                w.Write((byte)r.Rating);
            }
            w.Write(Personal is null ? (byte)0 : (byte)1);
            if (Personal is { } p)
            {
                foreach (var x in p.Weights)
                {
                    w.Write(x);
                }
                w.Write(p.AtReviews);
                w.Write(p.HeldOutLogLossBefore);
                w.Write(p.HeldOutLogLossAfter);
            }
        }
        return new PluginState(CurrentVersion, stream.ToArray());
    }

    /// <summary>Reads any state this plugin wrote; unreadable bytes give an empty state with <paramref name="unreadable"/> set.</summary>
    public static SpacedRepetitionState Read(PluginState state, out bool unreadable)
    {
        unreadable = false;
        if (state.IsEmpty)
        {
            return new SpacedRepetitionState();
        }
        if (state.Version == CurrentVersion && TryReadVersion1(state.Data.Span, out var read))
        {
            return read;
        }
        unreadable = true;
        return new SpacedRepetitionState();
    }

    private static bool TryReadVersion1(ReadOnlySpan<byte> data, out SpacedRepetitionState state)
    {
        state = new SpacedRepetitionState();
        try
        {
            using var stream = new MemoryStream(data.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var count = r.ReadInt32();
            if (count < 0 || count > data.Length / 38) // an item takes at least 38 bytes
            {
                return false;
            }
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = r.ReadString();
                var m = new MemoryState(r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                if (ids[i].Length == 0 || !(m.Stability >= FsrsScheduler.MinStability && m.Stability <= FsrsScheduler.MaxStability)
                    || !(m.Difficulty >= 1 && m.Difficulty <= 10) || m.LastReviewTicks < 0 || m.LastReviewTicks > DateTimeOffset.MaxValue.UtcTicks
                    || m.ScheduledDays < 0 || m.Reps < 1 || m.Lapses < 0 || m.Lapses >= m.Reps)
                {
                    return false;
                }
                state._items[ids[i]] = m;
            }
            state.TotalReviews = r.ReadInt32();
            state.LastFitAttempt = r.ReadInt32();
            var logCount = r.ReadInt32();
            if (logCount < 0 || logCount > data.Length / 9 || state.TotalReviews < logCount || state.LastFitAttempt < 0)
            {
                return false;
            }
            for (var i = 0; i < logCount; i++)
            {
                var item = r.ReadInt32();
                var day = r.ReadInt32();
                var rating = r.ReadByte();
                if (item < 0 || item >= count || rating is < 1 or > 4)
                {
                    return false;
                }
                state.Log.Add(new ReviewRecord(ids[item], day, (Rating)rating));
            }
            if (r.ReadByte() == 1)
            {
                var weights = new double[FsrsParameters.Count];
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] = r.ReadDouble();
                }
                if (weights.Any(w => !double.IsFinite(w)))
                {
                    return false;
                }
                state.Personal = new PersonalFit(weights, r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
            }
            return stream.Position == stream.Length;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or DecoderFallbackException or ArgumentException)
        {
            return false;
        }
    }
}
