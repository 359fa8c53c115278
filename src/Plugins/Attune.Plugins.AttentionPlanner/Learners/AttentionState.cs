using System.Buffers.Binary;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.SpacedRepetition.Learners;

namespace Attune.Plugins.AttentionPlanner.Learners;

/// <summary>
/// The attention planner's state for one learner: the two engines' states side by side.
/// </summary>
/// <remarks>
/// Format version 1, little-endian: Int32 knowledge-tracing format version, Int32 length, that many bytes (a
/// <see cref="KnowledgeState"/>); then Int32 spaced-repetition format version, Int32 length, bytes (a
/// <see cref="SpacedRepetitionState"/>). Each part is read by its own engine, with that engine's versioning, so a new
/// format of either is an upgrade of that part alone. Unreadable bytes start that learner afresh.
/// </remarks>
public sealed class AttentionState
{
    /// <summary>The format version this plugin writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Creates a state from its parts.</summary>
    public AttentionState(KnowledgeState knowledge, SpacedRepetitionState memory)
    {
        Knowledge = knowledge;
        Memory = memory;
    }

    /// <summary>Mastery per skill.</summary>
    public KnowledgeState Knowledge { get; }

    /// <summary>Memory per item.</summary>
    public SpacedRepetitionState Memory { get; }

    /// <summary>Writes the state in <see cref="CurrentVersion"/>.</summary>
    public PluginState ToState()
    {
        var knowledge = Knowledge.ToState();
        var memory = Memory.ToState();
        var data = new byte[16 + knowledge.Data.Length + memory.Data.Length];
        var span = data.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, knowledge.Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], knowledge.Data.Length);
        knowledge.Data.Span.CopyTo(span[8..]);
        var at = 8 + knowledge.Data.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], memory.Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], memory.Data.Length);
        memory.Data.Span.CopyTo(span[(at + 8)..]);
        return new PluginState(CurrentVersion, data);
    }

    /// <summary>Reads any state this plugin wrote; unreadable bytes give an empty state with <paramref name="unreadable"/> set.</summary>
    public static AttentionState Read(PluginState state, out bool unreadable)
    {
        unreadable = false;
        if (state.IsEmpty)
        {
            return new AttentionState(new KnowledgeState(), new SpacedRepetitionState());
        }
        if (state.Version == CurrentVersion && TrySplit(state.Data, out var knowledge, out var memory))
        {
            var k = KnowledgeState.Read(knowledge, out var badKnowledge);
            var m = SpacedRepetitionState.Read(memory, out var badMemory);
            unreadable = badKnowledge || badMemory;
            return new AttentionState(k, m);
        }
        unreadable = true;
        return new AttentionState(new KnowledgeState(), new SpacedRepetitionState());
    }

    private static bool TrySplit(ReadOnlyMemory<byte> data, out PluginState knowledge, out PluginState memory)
    {
        knowledge = memory = PluginState.Empty;
        var span = data.Span;
        if (span.Length < 16)
        {
            return false;
        }
        var kVersion = BinaryPrimitives.ReadInt32LittleEndian(span);
        var kLength = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (kLength < 0 || kLength > span.Length - 16)
        {
            return false;
        }
        var at = 8 + kLength;
        var mVersion = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        var mLength = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 4)..]);
        if (mLength < 0 || at + 8 + mLength != span.Length)
        {
            return false;
        }
        knowledge = new PluginState(kVersion, data.Slice(8, kLength));
        memory = new PluginState(mVersion, data.Slice(at + 8, mLength));
        return true;
    }
}
