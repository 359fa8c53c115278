using Attune.Plugins.MatrixFactorization.Numerics;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Tests.Training;

public sealed class ExplicitMatrixFactorizationTests
{
    [Fact]
    public void RmseBeatsTheGlobalMeanOnLowRankScores()
    {
        // Scores = μ + b_u + b_i + low-rank affinity + noise; 20% of pairs are held out at random.
        var random = new Random(3);
        const int learners = 300, items = 80, rank = 3;
        var u = SyntheticLearners.Matrix(random, learners, rank);
        var v = SyntheticLearners.Matrix(random, items, rank);
        var bu = Enumerable.Range(0, learners).Select(_ => 0.08 * SyntheticLearners.Gaussian(random)).ToArray();
        var bi = Enumerable.Range(0, items).Select(_ => 0.08 * SyntheticLearners.Gaussian(random)).ToArray();
        var train = new List<(int, int, float)>();
        var test = new List<(int, int, float)>();
        for (var l = 0; l < learners; l++)
        {
            for (var i = 0; i < items; i++)
            {
                if (random.NextDouble() > 0.3)
                {
                    continue;
                }
                var r = (float)Math.Clamp(0.6 + bu[l] + bi[i] + 0.15 * SyntheticLearners.Dot(u[l], v[i]) + 0.05 * SyntheticLearners.Gaussian(random), 0, 1);
                (random.NextDouble() < 0.2 ? test : train).Add((l, i, r));
            }
        }
        var rows = SparseRows.FromTriples(learners, items, train.Select(t => t.Item1).ToArray(), train.Select(t => t.Item2).ToArray(), train.Select(t => t.Item3).ToArray());
        var fit = ExplicitMatrixFactorization.Fit(rows, rows.Transpose(), factors: 8, regularization: 0.05, epochs: 10, seed: 1, maxThreads: 0, CancellationToken.None);
        var rmse = ExplicitMatrixFactorization.Rmse(test.Select(t => t.Item1).ToArray(), test.Select(t => t.Item2).ToArray(), test.Select(t => t.Item3).ToArray(), fit.Predict);
        var mean = train.Average(t => t.Item3);
        var baseline = Math.Sqrt(test.Average(t => (t.Item3 - mean) * (t.Item3 - mean)));
        Assert.True(rmse < 0.8 * baseline, $"RMSE {rmse:0.0000} vs global mean {baseline:0.0000}");
    }

    [Fact]
    public void TrainingReportsHoldoutRmseBesideTheGlobalMean()
    {
        var recommender = TestHost.Create();
        var m = TestHost.Train(recommender, SyntheticLearners.Journal()).Metrics;
        Assert.True(m["explicit/holdout/rmse"] > 0);
        Assert.True(m["explicit/holdout/global-mean-rmse"] > 0);
        Assert.True(m["explicit/train/rmse"] < m["explicit/holdout/global-mean-rmse"]);
        Assert.Equal(0.1, m["explicit/lambda"]); // tuning is off in TestHost: the configured λ

        var tuned = TestHost.Create(new Dictionary<string, string?> { ["Tuning:Enabled"] = "true", ["Tuning:Factors"] = "", ["Tuning:Regularization"] = "", ["Tuning:Alpha"] = "", ["Tuning:MinimumInteractions"] = "100" });
        var t = TestHost.Train(tuned, SyntheticLearners.Journal()).Metrics;
        var tried = t.Where(kv => kv.Key.StartsWith("explicit/tuning/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, tried.Count); // 0.01, 0.03, 0.1 (configured)
        Assert.Equal(tried.Min(kv => kv.Value), t["explicit/holdout/rmse"]);
    }
}
