using System.Text;
using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Tests.Learners;

public sealed class KnowledgeStateTests
{
    [Fact]
    public void AStateReadsBackToTheSameBytes()
    {
        var state = new KnowledgeState { Learner = new LearnerEvidence(3, 2, -1, -0.3) };
        state.Set("fractions", new SkillEvidence(0.41, 638_000_000_000_000_000, 5, 3, 2, -1, -0.3));
        state.Set(KnowledgeState.KeyOf(new ItemId("quiz-3")), new SkillEvidence(0.9, 638_000_000_000_000_001, 1, 0, 0, 0, 0));

        var written = state.ToState();
        var read = KnowledgeState.Read(written, out var unreadable);

        Assert.False(unreadable);
        Assert.Equal(written.Data.ToArray(), read.ToState().Data.ToArray());
        Assert.Equal(state.Skills["fractions"], read.Skills["fractions"]);
        Assert.Equal(state.Learner, read.Learner);
    }

    [Fact]
    public void Version1BytesWrittenByHandToTheDocumentedLayoutStillRead()
    {
        // The layout documented on KnowledgeState, written field by field: every later version must keep reading this.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(1);
            w.Write("fractions");
            w.Write(0.41);
            w.Write(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks);
            w.Write(4);
            w.Write(1);
            w.Write(3);
            w.Write((sbyte)-1);
            w.Write(-0.51);
            w.Write(1);
            w.Write(3);
            w.Write((sbyte)-1);
            w.Write(-0.51);
        }

        var read = KnowledgeState.Read(new PluginState(1, stream.ToArray()), out var unreadable);

        Assert.False(unreadable);
        Assert.Equal(new SkillEvidence(0.41, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks, 4, 1, 3, -1, -0.51), read.Skills["fractions"]);
        Assert.Equal(new LearnerEvidence(1, 3, -1, -0.51), read.Learner);
    }

    [Theory]
    [InlineData(2, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(1, new byte[] { 1, 2, 3 })]
    [InlineData(1, new byte[] { 255, 255, 255, 127 })]
    public void BytesThisVersionCannotReadGiveAFreshStateAndSaySo(int version, byte[] data)
    {
        var read = KnowledgeState.Read(new PluginState(version, data), out var unreadable);

        Assert.True(unreadable);
        Assert.Empty(read.Skills);
    }

    [Fact]
    public void NoStateIsALearnerNotSeenYet()
    {
        Assert.Empty(KnowledgeState.Read(PluginState.Empty, out var unreadable).Skills);
        Assert.False(unreadable);
    }
}
