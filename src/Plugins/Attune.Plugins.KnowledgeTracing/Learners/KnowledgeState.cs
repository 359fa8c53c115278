using System.Text;
using Attune.Plugins;

namespace Attune.Plugins.KnowledgeTracing.Learners;

/// <summary>
/// One learner's knowledge-tracing state: <see cref="SkillEvidence"/> per skill and <see cref="LearnerEvidence"/>
/// across skills. Bounded by the skills the learner met (about 40 bytes each plus the skill id), never by events.
/// </summary>
/// <remarks>
/// <para>Format version 1, little-endian (<see cref="BinaryWriter"/> always is): Int32 skill count; per skill, in
/// ordinal order of the key: the key (a length-prefixed UTF-8 string), Double mastery, Int64 last-opportunity UTC
/// ticks, Int32 opportunities, Int32 successes, Int32 failures, SByte last answer, Double recency; then the learner's
/// Int32 successes, Int32 failures, SByte last answer, Double recency.</para>
/// <para>A key is a skill id, or <see cref="ItemKeyPrefix"/> followed by an item id for items without skills.
/// Identifiers cannot contain control characters, so the two never collide.</para>
/// <para>Bytes this version cannot read (a newer version after a rollback, or corruption) are not fatal: the learner
/// starts afresh and the host may replay the journal. The history cannot rebuild them: it has no per-skill answers.</para>
/// </remarks>
public sealed class KnowledgeState
{
    /// <summary>The format version this plugin writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Marks a key that stands for an item without skills (tracked as its own skill).</summary>
    public const string ItemKeyPrefix = "\u0001";

    private readonly Dictionary<string, SkillEvidence> _skills = new(StringComparer.Ordinal);

    /// <summary>Evidence per key.</summary>
    public IReadOnlyDictionary<string, SkillEvidence> Skills => _skills;

    /// <summary>Evidence across skills.</summary>
    public LearnerEvidence Learner { get; set; }

    /// <summary>The key for a skill.</summary>
    public static string KeyOf(SkillId skill) => skill.Value;

    /// <summary>The key for an item without skills.</summary>
    public static string KeyOf(ItemId item) => ItemKeyPrefix + item.Value;

    /// <summary>Whether <paramref name="key"/> stands for an item rather than a skill.</summary>
    public static bool IsItemKey(string key) => key.StartsWith(ItemKeyPrefix, StringComparison.Ordinal);

    /// <summary>The evidence for <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out SkillEvidence evidence) => _skills.TryGetValue(key, out evidence);

    /// <summary>Sets the evidence for <paramref name="key"/>.</summary>
    public void Set(string key, SkillEvidence evidence) => _skills[key] = evidence;

    /// <summary>Writes the state in <see cref="CurrentVersion"/>.</summary>
    public PluginState ToState()
    {
        using var stream = new MemoryStream(16 + _skills.Count * 56);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(_skills.Count);
            foreach (var key in _skills.Keys.Order(StringComparer.Ordinal))
            {
                var e = _skills[key];
                w.Write(key);
                w.Write(e.Mastery);
                w.Write(e.LastAtTicks);
                w.Write(e.Opportunities);
                w.Write(e.Successes);
                w.Write(e.Failures);
                w.Write(e.Last);
                w.Write(e.Recent);
            }
            w.Write(Learner.Successes);
            w.Write(Learner.Failures);
            w.Write(Learner.Last);
            w.Write(Learner.Recent);
        }
        return new PluginState(CurrentVersion, stream.ToArray());
    }

    /// <summary>
    /// Reads any state this plugin wrote. <see cref="PluginState.Empty"/> is a learner not seen yet; bytes this
    /// version cannot read give an empty state with <paramref name="unreadable"/> set, so the caller can log it.
    /// </summary>
    public static KnowledgeState Read(PluginState state, out bool unreadable)
    {
        unreadable = false;
        var result = new KnowledgeState();
        if (state.IsEmpty)
        {
            return result;
        }
        if (state.Version == CurrentVersion && TryReadVersion1(state.Data.Span, result))
        {
            return result;
        }
        unreadable = true;
        return new KnowledgeState();
    }

    private static bool TryReadVersion1(ReadOnlySpan<byte> data, KnowledgeState into)
    {
        try
        {
            using var stream = new MemoryStream(data.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            var count = r.ReadInt32();
            // Each entry takes at least 39 bytes: a count beyond that is corruption, not a reason to allocate.
            if (count < 0 || count > data.Length / 39)
            {
                return false;
            }
            for (var i = 0; i < count; i++)
            {
                var key = r.ReadString();
                var e = new SkillEvidence(r.ReadDouble(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadSByte(), r.ReadDouble());
                if (key.Length == 0 || !(e.Mastery is >= 0 and <= 1) || e.Opportunities < 0 || e.Successes < 0 || e.Failures < 0
                    || !(Math.Abs(e.Recent) <= 1) || e.Last is < -1 or > 1 || e.LastAtTicks < 0 || e.LastAtTicks > DateTimeOffset.MaxValue.UtcTicks)
                {
                    return false;
                }
                into._skills[key] = e;
            }
            var learner = new LearnerEvidence(r.ReadInt32(), r.ReadInt32(), r.ReadSByte(), r.ReadDouble());
            if (learner.Successes < 0 || learner.Failures < 0 || learner.Last is < -1 or > 1 || !(Math.Abs(learner.Recent) <= 1))
            {
                return false;
            }
            into.Learner = learner;
            return stream.Position == stream.Length;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or DecoderFallbackException or ArgumentException)
        {
            return false;
        }
    }
}
