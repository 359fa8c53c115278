using Attune.Plugins.SpacedRepetition.Fsrs;

namespace Attune.Plugins.SpacedRepetition.Tests.Fsrs;

public sealed class FsrsOptimizerTests
{
    private static readonly DateOnly FirstDay = new(2026, 1, 5);

    /// <summary>
    /// A learner whose memory follows <paramref name="truth"/>, reviewing 40 items whenever the default FSRS schedule says
    /// (as they would under the plugin): recalled (Good) or not (Again) by the true forgetting curve.
    /// </summary>
    internal static List<ReviewRecord> Simulate(FsrsParameters truth, int items, int days, int seed)
    {
        var random = new Random(seed);
        var truthScheduler = new FsrsScheduler(truth);
        var planner = new FsrsScheduler(FsrsParameters.Default);
        var log = new List<ReviewRecord>();
        var trueMemory = new MemoryState?[items];
        var planned = new MemoryState?[items];
        var start = new DateTimeOffset(FirstDay, TimeOnly.MinValue, TimeSpan.Zero);
        for (var day = 0; day < days; day++)
        {
            var now = start.AddDays(day);
            for (var i = 0; i < items; i++)
            {
                var introduced = day == i * days / (2 * items);
                if (!introduced && (planned[i] is not { } p || now < p.Due))
                {
                    continue;
                }
                var rating = trueMemory[i] is { } m
                    ? random.NextDouble() < truthScheduler.Retrievability(m, now) ? Rating.Good : Rating.Again
                    : Rating.Good;
                trueMemory[i] = truthScheduler.Review(trueMemory[i], now, rating);
                planned[i] = planner.Review(planned[i], now, rating);
                log.Add(new ReviewRecord($"item-{i}", DateOnly.FromDateTime(now.UtcDateTime).DayNumber, rating));
            }
        }
        return log;
    }

    [Fact]
    public void ALearnerWhoForgetsFasterThanTheDefaultsGetsWeightsThatPredictTheirNewestReviewsBetter()
    {
        var weights = FsrsParameters.DefaultWeights.ToArray();
        weights[2] = 0.6; // a Good first review lasts 0.6 days, not 2.3
        weights[8] = 1.0; // and recall grows stability far less
        var log = Simulate(new FsrsParameters(weights), items: 40, days: 120, seed: 3);

        var fit = FsrsOptimizer.Fit(log, FsrsParameters.Default);

        Assert.True(fit.Accepted, $"held-out log loss {fit.HeldOutLogLossBefore} → {fit.HeldOutLogLossAfter}");
        Assert.True(fit.HeldOutLogLossAfter < fit.HeldOutLogLossBefore);
        Assert.True(fit.Weights[2] < FsrsParameters.DefaultWeights[2]);
        Assert.True(fit.HeldOutReviews > 0 && fit.TrainingReviews > fit.HeldOutReviews);
    }

    [Fact]
    public void AFitIsKeptExactlyWhenItLowersTheHeldOutLogLoss()
    {
        foreach (var seed in Enumerable.Range(1, 6))
        {
            var log = Simulate(FsrsParameters.Default, items: 30, days: 90, seed: seed);

            var fit = FsrsOptimizer.Fit(log, FsrsParameters.Default);

            Assert.Equal(fit.HeldOutLogLossAfter < fit.HeldOutLogLossBefore, fit.Accepted);
        }
    }

    [Fact]
    public void TooFewReviewsAreNotFitted()
    {
        var log = Simulate(FsrsParameters.Default, items: 5, days: 10, seed: 1);

        var fit = FsrsOptimizer.Fit(log, FsrsParameters.Default);

        Assert.False(fit.Accepted);
        Assert.Equal(FsrsParameters.Default.Weights, fit.Weights);
    }

    [Fact]
    public void FittingIsDeterministic()
    {
        var log = Simulate(FsrsParameters.Default, items: 30, days: 90, seed: 4);

        Assert.Equal(FsrsOptimizer.Fit(log, FsrsParameters.Default).Weights, FsrsOptimizer.Fit(log, FsrsParameters.Default).Weights);
    }
}
