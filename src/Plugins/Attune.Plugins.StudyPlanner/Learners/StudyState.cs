using System.Text;

namespace Attune.Plugins.StudyPlanner.Learners;

/// <summary>
/// One learner's state in the study planner: a <see cref="SkillBelief"/> per skill and <see cref="ItemSessions"/> per item.
/// Bounded by the skills and items the learner met, never by events.
/// </summary>
/// <remarks>
/// Format version 1, little-endian: Int32 skill count; per skill in ordinal key order: the key (length-prefixed UTF-8),
/// Double known, Int64 last ticks, Int32 sessions, Int32 answers, Double score sum, Int32 unchecked sessions, Double pending learning; Int32 item count; per item in ordinal
/// order: the id, Int32 sessions, Int64 last ticks. Bytes this version cannot read start the learner afresh (the host
/// rebuilds states from the journal when the model changes, so nothing is lost for good).
/// </remarks>
internal sealed class StudyState
{
    public const int CurrentVersion = 1;

    public Dictionary<string, SkillBelief> Skills { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ItemSessions> Items { get; } = new(StringComparer.Ordinal);

    public PluginState ToState()
    {
        using var stream = new MemoryStream(16 + Skills.Count * 48 + Items.Count * 32);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Skills.Count);
            foreach (var key in Skills.Keys.Order(StringComparer.Ordinal))
            {
                var b = Skills[key];
                w.Write(key);
                w.Write(b.Known);
                w.Write(b.LastTicks);
                w.Write(b.Sessions);
                w.Write(b.Answers);
                w.Write(b.ScoreSum);
                w.Write(b.Unchecked);
                w.Write(b.PendingLearn);
            }
            w.Write(Items.Count);
            foreach (var id in Items.Keys.Order(StringComparer.Ordinal))
            {
                var i = Items[id];
                w.Write(id);
                w.Write(i.Sessions);
                w.Write(i.LastTicks);
            }
        }
        return new PluginState(CurrentVersion, stream.ToArray());
    }

    public static StudyState Read(PluginState state, out bool unreadable)
    {
        unreadable = false;
        var result = new StudyState();
        if (state.Data.Length == 0)
        {
            return result;
        }
        if (state.Version != CurrentVersion)
        {
            unreadable = true;
            return result;
        }
        try
        {
            using var stream = new MemoryStream(state.Data.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var skills = r.ReadInt32();
            for (var k = 0; k < skills; k++)
            {
                result.Skills[r.ReadString()] = new SkillBelief(r.ReadDouble(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadInt32(), r.ReadDouble());
            }
            var items = r.ReadInt32();
            for (var k = 0; k < items; k++)
            {
                result.Items[r.ReadString()] = new ItemSessions(r.ReadInt32(), r.ReadInt64());
            }
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException("trailing bytes");
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or ArgumentOutOfRangeException)
        {
            unreadable = true;
            return new StudyState();
        }
        return result;
    }
}
