using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// Grid search over k, λ and α on a <see cref="TimeOrderedHoldout"/>, within a wall-clock budget: the configured
/// values first (so a tight budget still yields a measured default), then the rest of the grid, each scored by
/// Recall@20; the best wins. Every configuration tried, and the popularity baseline, are recorded as metrics.
/// </summary>
internal static class HyperparameterSearch
{
    public static AlsHyperparameters Run(InteractionJournal journal, TimeOrderedHoldout holdout, MatrixFactorizationOptions options,
        int seed, IDictionary<string, double> metrics, Action<string> report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var baseline = AlsHyperparameters.From(options);
        if (options.Tuning.Epochs > 0)
        {
            baseline = baseline with { Epochs = options.Tuning.Epochs };
        }
        var grid = Grid(options, baseline);
        var itemCount = journal.Items.Count;

        var popularity = new float[itemCount];
        foreach (var p in holdout.Train)
        {
            popularity[journal.PairItem[p]]++;
        }
        var (popRecall, popNdcg) = holdout.Evaluate(itemCount, (_, scores) => popularity.CopyTo(scores));
        metrics["tuning/popularity/recall@20"] = popRecall;
        metrics["tuning/popularity/ndcg@10"] = popNdcg;
        metrics["tuning/holdout-pairs"] = holdout.HeldOutPairs;
        metrics["tuning/holdout-learners"] = holdout.HeldOut.Count;

        var (learners, items) = journal.Matrices(holdout.Train, _ => 0f);
        var aggregates = journal.Aggregates.ToArray();
        AlsHyperparameters? best = null;
        var bestRecall = double.NegativeInfinity;
        var lastSeconds = 0.0;
        var tried = 0;
        foreach (var h in grid)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (tried > 0 && elapsed + lastSeconds > options.Tuning.BudgetSeconds)
            {
                break; // the next fit would overrun the budget
            }
            var fitStarted = Stopwatch.GetTimestamp();
            var confidence = h.Confidence;
            learners.Refill(p => confidence.Confidence(aggregates[p]));
            items.Refill(p => confidence.Confidence(aggregates[p]));
            var fit = ImplicitAls.Fit(learners, items, h, seed, options.MaxThreads, cancellationToken);
            var k = h.Factors;
            var (recall, ndcg) = holdout.Evaluate(itemCount, (u, scores) =>
            {
                var x = fit.Learner(u);
                for (var i = 0; i < itemCount; i++)
                {
                    scores[i] = TensorPrimitives.Dot(x, fit.Item(i));
                }
            });
            lastSeconds = Stopwatch.GetElapsedTime(fitStarted).TotalSeconds;
            var name = $"tuning/k={k},lambda={h.Regularization.ToString("g4", CultureInfo.InvariantCulture)},alpha={h.Alpha.ToString("g4", CultureInfo.InvariantCulture)}";
            metrics[name + "/recall@20"] = recall;
            metrics[name + "/ndcg@10"] = ndcg;
            metrics[name + "/seconds"] = lastSeconds;
            report($"tried {h}: Recall@20 {recall:0.0000}");
            tried++;
            if (recall > bestRecall)
            {
                bestRecall = recall;
                best = h;
            }
        }
        metrics["tuning/tried"] = tried;
        metrics["tuning/grid"] = grid.Count;
        metrics["tuning/seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        metrics["tuning/best/recall@20"] = bestRecall;
        return best! with { Epochs = options.Epochs };
    }

    /// <summary>The grid, the configured point first, then by distance from it so a short budget explores nearby.</summary>
    internal static List<AlsHyperparameters> Grid(MatrixFactorizationOptions options, AlsHyperparameters baseline)
    {
        var factors = Values(MatrixFactorizationOptions.ParseList(options.Tuning.Factors, "Tuning:Factors"), options.Factors);
        var lambdas = Values(MatrixFactorizationOptions.ParseList(options.Tuning.Regularization, "Tuning:Regularization"), options.Regularization);
        var alphas = Values(MatrixFactorizationOptions.ParseList(options.Tuning.Alpha, "Tuning:Alpha"), options.Alpha);
        var grid = new List<(double Distance, AlsHyperparameters H)>();
        foreach (var k in factors)
        {
            foreach (var l in lambdas)
            {
                foreach (var a in alphas)
                {
                    var distance = Math.Abs(Math.Log(k / options.Factors)) + Math.Abs(Math.Log(l / options.Regularization))
                        + Math.Abs(Math.Log((a + 1) / (options.Alpha + 1)));
                    grid.Add((distance, baseline with
                    {
                        Factors = (int)k,
                        Regularization = l,
                        Confidence = baseline.Confidence.WithAlpha(a),
                    }));
                }
            }
        }
        return [.. grid.OrderBy(g => g.Distance).Select(g => g.H)];
    }

    private static double[] Values(double[] listed, double configured) =>
        [.. listed.Append(configured).Distinct().Order()];
}
