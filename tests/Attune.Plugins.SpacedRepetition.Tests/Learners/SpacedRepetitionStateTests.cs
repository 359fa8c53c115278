using System.Text;
using Attune.Plugins.SpacedRepetition.Fsrs;
using Attune.Plugins.SpacedRepetition.Learners;

namespace Attune.Plugins.SpacedRepetition.Tests.Learners;

public sealed class SpacedRepetitionStateTests
{
    [Fact]
    public void AStateReadsBackToTheSameBytes()
    {
        var state = new SpacedRepetitionState { TotalReviews = 3, LastFitAttempt = 0, Personal = new PersonalFit(FsrsParameters.DefaultWeights.ToArray(), 100, 0.5, 0.4) };
        state.Set("quiz-1", new MemoryState(2.3065, 2.1, 639_000_000_000_000_000, 2, 2, 0));
        state.Set("quiz-2", new MemoryState(0.212, 6.4, 639_000_000_000_000_000, 1, 1, 0));
        state.Log.Add(new ReviewRecord("quiz-1", 740_000, Rating.Good));
        state.Log.Add(new ReviewRecord("quiz-2", 740_000, Rating.Again));
        state.Log.Add(new ReviewRecord("quiz-1", 740_002, Rating.Good));

        var written = state.ToState();
        var read = SpacedRepetitionState.Read(written, out var unreadable);

        Assert.False(unreadable);
        Assert.Equal(written.Data.ToArray(), read.ToState().Data.ToArray());
        Assert.Equal(state.Log, read.Log);
        Assert.Equal(state.Personal!.Weights, read.Personal!.Weights);
    }

    [Fact]
    public void Version1BytesWrittenByHandToTheDocumentedLayoutStillRead()
    {
        var reviewed = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(1);
            w.Write("quiz-1");
            w.Write(2.3065);
            w.Write(2.11810397);
            w.Write(reviewed.UtcTicks);
            w.Write(2);
            w.Write(1);
            w.Write(0);
            w.Write(1); // total reviews
            w.Write(0); // last fit attempt
            w.Write(1); // log
            w.Write(0);
            w.Write(DateOnly.FromDateTime(reviewed.UtcDateTime).DayNumber);
            w.Write((byte)3);
            w.Write((byte)0); // no personal weights
        }

        var read = SpacedRepetitionState.Read(new PluginState(1, stream.ToArray()), out var unreadable);

        Assert.False(unreadable);
        Assert.Equal(new MemoryState(2.3065, 2.11810397, reviewed.UtcTicks, 2, 1, 0), read.Items["quiz-1"]);
        Assert.Equal(reviewed.AddDays(2), read.Items["quiz-1"].Due);
        Assert.Equal([new ReviewRecord("quiz-1", DateOnly.FromDateTime(reviewed.UtcDateTime).DayNumber, Rating.Good)], read.Log);
        Assert.Null(read.Personal);
    }

    [Theory]
    [InlineData(7, new byte[] { 0, 0, 0, 0 })]
    [InlineData(1, new byte[] { 1, 0, 0, 0, 9 })]
    [InlineData(1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0 })]
    public void BytesThisVersionCannotReadGiveAFreshStateAndSaySo(int version, byte[] data)
    {
        var read = SpacedRepetitionState.Read(new PluginState(version, data), out var unreadable);

        Assert.True(unreadable);
        Assert.Empty(read.Items);
    }
}
