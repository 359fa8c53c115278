using Attune.Plugins.SpacedRepetition.Fsrs;

namespace Attune.Plugins.SpacedRepetition.Tests.Fsrs;

public sealed class FsrsSchedulerTests
{
    private static readonly FsrsScheduler Scheduler = new(FsrsParameters.Default);
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFirstReviewTakesTheInitialStabilityAndDifficultyOfItsRating()
    {
        var w = FsrsParameters.DefaultWeights;
        foreach (var rating in Enum.GetValues<Rating>())
        {
            var g = (int)rating;
            var memory = Scheduler.Review(null, Monday, rating);

            Assert.Equal(Math.Max(w[g - 1], 0.1), memory.Stability);
            Assert.Equal(Math.Clamp(Math.Round(w[4] - Math.Exp((g - 1) * w[5]) + 1, 8), 1, 10), memory.Difficulty, 8);
            Assert.Equal(1, memory.Reps);
        }
    }

    [Fact]
    public void AtNinetyPercentRetentionTheIntervalIsTheStabilityRounded()
    {
        Assert.Equal(1, Scheduler.IntervalModifier, 8);
        Assert.Equal(8, Scheduler.Review(null, Monday, Rating.Easy).ScheduledDays); // S0(Easy) = 8.2956
    }

    [Fact]
    public void RecallFallsToNinetyPercentAfterStabilityDays()
    {
        var memory = Scheduler.Review(null, Monday, Rating.Good);

        Assert.Equal(0.9, Scheduler.Retrievability(memory, Monday.AddDays(memory.Stability)), 6);
        Assert.Equal(1, Scheduler.Retrievability(memory, Monday), 12);
    }

    [Fact]
    public void ALapseNeverRaisesStabilityAndCountsOnce()
    {
        var memory = Scheduler.Review(null, Monday, Rating.Good);
        memory = Scheduler.Review(memory, Monday.AddDays(3), Rating.Good);
        var lapsed = Scheduler.Review(memory, Monday.AddDays(20), Rating.Again);

        Assert.True(lapsed.Stability <= memory.Stability);
        Assert.Equal(1, lapsed.Lapses);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 3)]
    [InlineData(-0.5, 0)]
    [InlineData(0.49999999999999994, 0)]
    public void RoundingIsJavaScriptsHalvesTowardsPlusInfinity(double x, double expected) =>
        Assert.Equal(expected, FsrsScheduler.JsRound(x));

    [Fact]
    public void ElapsedDaysAreUtcCalendarDays()
    {
        var lateEvening = new DateTimeOffset(2026, 1, 5, 23, 50, 0, TimeSpan.Zero);

        Assert.Equal(1, FsrsScheduler.ElapsedDays(lateEvening, lateEvening.AddMinutes(20)));
        Assert.Equal(0, FsrsScheduler.ElapsedDays(Monday, Monday.AddHours(13)));
        Assert.Equal(1, FsrsScheduler.ElapsedDays(new DateTimeOffset(2026, 1, 6, 0, 30, 0, TimeSpan.FromHours(2)), lateEvening.AddHours(1)));
    }

    [Fact]
    public void WeightsOutsideTsFsrsBoundsAreClampedAsTsFsrsClampsThem()
    {
        var weights = FsrsParameters.DefaultWeights.ToArray();
        weights[20] = 5;
        weights[4] = 0;

        var parameters = new FsrsParameters(weights);

        Assert.Equal(0.8, parameters[20]);
        Assert.Equal(1, parameters[4]);
    }
}
