namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// Full-ranking metrics as in Rendle et al. 2022's benchmarks (after Liang et al. 2018): every item is ranked, the
/// learner's known items are left out, Recall@k = hits in the top k / min(k, |relevant|) and NDCG@k with binary gains
/// normalised by the ideal ordering.
/// </summary>
internal static class RankingMetrics
{
    /// <summary>
    /// Writes into <paramref name="top"/> the indices of the highest scores, best first (ties: lower index first),
    /// skipping indices where <paramref name="excluded"/> is true; returns how many were written.
    /// </summary>
    public static int TopK(ReadOnlySpan<float> scores, ReadOnlySpan<bool> excluded, Span<int> top)
    {
        var k = top.Length;
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!excluded.IsEmpty && excluded[i])
            {
                continue;
            }
            var s = scores[i];
            if (count == k && !(s > scores[top[k - 1]]))
            {
                continue;
            }
            var at = count < k ? count++ : k - 1;
            while (at > 0 && s > scores[top[at - 1]])
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        return count;
    }

    /// <summary>Recall@k: hits among the first k of <paramref name="ranked"/>, over min(k, |relevant|).</summary>
    public static double Recall(ReadOnlySpan<int> ranked, int k, ReadOnlySpan<bool> relevant, int relevantCount)
    {
        if (relevantCount == 0)
        {
            return 0;
        }
        var hits = 0;
        for (var r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            hits += relevant[ranked[r]] ? 1 : 0;
        }
        return (double)hits / Math.Min(k, relevantCount);
    }

    /// <summary>NDCG@k with binary relevance.</summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, int k, ReadOnlySpan<bool> relevant, int relevantCount)
    {
        if (relevantCount == 0)
        {
            return 0;
        }
        var dcg = 0.0;
        for (var r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            if (relevant[ranked[r]])
            {
                dcg += 1 / Math.Log2(r + 2);
            }
        }
        var ideal = 0.0;
        for (var r = 0; r < Math.Min(k, relevantCount); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }
        return dcg / ideal;
    }
}
