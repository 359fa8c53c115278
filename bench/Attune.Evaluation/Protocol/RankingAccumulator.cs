using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Evaluation.Protocol;

/// <summary>Mean Recall@20 and NDCG@10 over learners.</summary>
public sealed class RankingAccumulator
{
    private double _recall;
    private double _ndcg;
    private int _learners;

    public double Recall => _learners == 0 ? 0 : _recall / _learners;
    public double Ndcg => _learners == 0 ? 0 : _ndcg / _learners;

    public void Add(int[] top, int count, bool[] relevant, int relevantCount)
    {
        _recall += RankingMetrics.Recall(top.AsSpan(0, count), 20, relevant, relevantCount);
        _ndcg += RankingMetrics.Ndcg(top.AsSpan(0, count), 10, relevant, relevantCount);
        _learners++;
    }
}
