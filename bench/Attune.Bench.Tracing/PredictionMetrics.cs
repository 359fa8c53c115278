namespace Attune.Bench.Tracing;

/// <summary>AUC (Mann–Whitney, ties counted half) and RMSE of probabilistic predictions of 0/1 outcomes.</summary>
public static class PredictionMetrics
{
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        // Average ranks over ties, then AUC = (Σ ranks of positives − P(P+1)/2) / (P·N).
        var rankSumPositive = 0.0;
        var positives = 0L;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && predicted[order[end + 1]] == predicted[order[start]])
            {
                end++;
            }
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (actual[order[k]])
                {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        var negatives = predicted.Count - positives;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        var sum = 0.0;
        for (var i = 0; i < predicted.Count; i++)
        {
            var e = predicted[i] - (actual[i] ? 1 : 0);
            sum += e * e;
        }
        return Math.Sqrt(sum / predicted.Count);
    }

    public static double LogLoss(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        var sum = 0.0;
        for (var i = 0; i < predicted.Count; i++)
        {
            sum -= Math.Log(Math.Clamp(actual[i] ? predicted[i] : 1 - predicted[i], 1e-15, 1));
        }
        return sum / predicted.Count;
    }
}
