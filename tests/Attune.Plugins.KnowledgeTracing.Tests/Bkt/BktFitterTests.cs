using Attune.Plugins.KnowledgeTracing.Bkt;

namespace Attune.Plugins.KnowledgeTracing.Tests.Bkt;

public sealed class BktFitterTests
{
    /// <summary>Learners drawn from BKT itself: each starts known with P(L0), answers by guess/slip, learns and forgets.</summary>
    internal static List<BktObservation[]> Simulate(BktParameters p, int learners, int opportunities, int seed, Func<Random, double>? gap = null)
    {
        var random = new Random(seed);
        var sequences = new List<BktObservation[]>(learners);
        for (var l = 0; l < learners; l++)
        {
            var known = random.NextDouble() < p.Prior;
            var sequence = new BktObservation[opportunities];
            for (var j = 0; j < opportunities; j++)
            {
                var periods = gap?.Invoke(random) ?? 1;
                if (j > 0 && known && random.NextDouble() > Math.Pow(1 - p.Forget, periods))
                {
                    known = false;
                }
                var correct = known ? random.NextDouble() >= p.Slip : random.NextDouble() < p.Guess;
                sequence[j] = new BktObservation(correct, periods);
                if (!known && random.NextDouble() < p.Learn)
                {
                    known = true;
                }
            }
            sequences.Add(sequence);
        }
        return sequences;
    }

    [Fact]
    public void EmRecoversKnownParametersFromSyntheticLearners()
    {
        var truth = new BktParameters(Prior: 0.3, Learn: 0.15, Forget: 0.04, Guess: 0.2, Slip: 0.1);
        var data = Simulate(truth, learners: 2000, opportunities: 20, seed: 7);

        var fit = BktFitter.Fit(data);

        var p = fit.Parameters;
        Assert.InRange(p.Prior, truth.Prior - 0.04, truth.Prior + 0.04);
        Assert.InRange(p.Learn, truth.Learn - 0.03, truth.Learn + 0.03);
        Assert.InRange(p.Forget, truth.Forget - 0.02, truth.Forget + 0.02);
        Assert.InRange(p.Guess, truth.Guess - 0.03, truth.Guess + 0.03);
        Assert.InRange(p.Slip, truth.Slip - 0.03, truth.Slip + 0.03);
        Assert.True(fit.LogLikelihood >= BktFitter.LogLikelihood(data, truth) - 1e-6, "EM found a worse likelihood than the truth");
    }

    [Fact]
    public void EmRecoversForgettingPerPeriodWhenGapsDiffer()
    {
        var truth = new BktParameters(Prior: 0.4, Learn: 0.2, Forget: 0.05, Guess: 0.15, Slip: 0.1);
        var data = Simulate(truth, learners: 2000, opportunities: 15, seed: 11, gap: r => r.Next(4) switch { 0 => 0, 1 => 0.5, 2 => 2, _ => 6 });

        var fit = BktFitter.Fit(data);

        Assert.InRange(fit.Parameters.Forget, truth.Forget - 0.02, truth.Forget + 0.02);
        Assert.InRange(fit.Parameters.Learn, truth.Learn - 0.04, truth.Learn + 0.04);
    }

    [Fact]
    public void WithoutForgettingTheFitHoldsItAtZero()
    {
        var data = Simulate(new BktParameters(0.3, 0.15, 0, 0.2, 0.1), 500, 10, seed: 3);

        Assert.Equal(0, BktFitter.Fit(data, new BktFitOptions { FitForgetting = false }).Parameters.Forget);
    }

    [Fact]
    public void TheFitNeverReturnsADegenerateModel()
    {
        // Answers that look like a guessing game: right about as often known or not.
        var data = Simulate(new BktParameters(0.5, 0.05, 0, 0.6, 0.35), 800, 12, seed: 5);

        var p = BktFitter.Fit(data).Parameters;

        Assert.True(p.Guess < 1 - p.Slip);
        Assert.Null(p.Problem());
    }

    [Fact]
    public void FittingTheSameDataTwiceGivesTheSameParameters()
    {
        var data = Simulate(new BktParameters(0.3, 0.1, 0.02, 0.2, 0.1), 300, 10, seed: 9);

        Assert.Equal(BktFitter.Fit(data), BktFitter.Fit(data));
    }

    [Fact]
    public void UnscoredOpportunitiesOnlyTeach()
    {
        // Lessons (no answer) between answers: the fit still finds the learning they carry.
        var truth = new BktParameters(0.2, 0.25, 0, 0.2, 0.1);
        var data = Simulate(truth, 2000, 12, seed: 13)
            .Select(s => s.Select((o, j) => j % 3 == 1 ? o with { Correct = null } : o).ToArray())
            .ToList();

        var fit = BktFitter.Fit(data, new BktFitOptions { FitForgetting = false });

        Assert.InRange(fit.Parameters.Learn, truth.Learn - 0.05, truth.Learn + 0.05);
        Assert.Equal(data.Sum(s => s.Count(o => o.Correct.HasValue)), fit.Observations);
    }

    [Fact]
    public void NoAnswersAtAllIsRefused() =>
        Assert.Throws<ArgumentException>(() => BktFitter.Fit([[new BktObservation(null)]]));
}
