namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// A time-ordered split of the journal's (learner, item) pairs: the newest <c>fraction</c> by first event are held out,
/// the rest train. Only held-out pairs whose learner and item both have training pairs are scored (a model cannot rank
/// an item it never saw for a learner it never saw). Pairs keep their full aggregates: later events on a pair first
/// seen before the cut-off add confidence, but never reveal which new items a learner went on to.
/// </summary>
internal sealed class TimeOrderedHoldout
{
    private TimeOrderedHoldout(int[] train, Dictionary<int, List<int>> heldOut, bool[] itemTrained, List<int>[] trainItems)
    {
        Train = train;
        HeldOut = heldOut;
        ItemTrained = itemTrained;
        TrainItems = trainItems;
    }

    public int[] Train { get; }

    /// <summary>Per learner with training pairs, the items first seen after the cut-off.</summary>
    public Dictionary<int, List<int>> HeldOut { get; }

    public bool[] ItemTrained { get; }

    public List<int>[] TrainItems { get; }

    public int HeldOutPairs => HeldOut.Values.Sum(l => l.Count);

    /// <summary>Splits, or returns null when the journal has no usable time order (all pairs at one instant, say).</summary>
    public static TimeOrderedHoldout? Split(InteractionJournal journal, double fraction)
    {
        var aggregates = journal.Aggregates;
        var n = journal.Pairs;
        if (n < 2)
        {
            return null;
        }
        var times = new long[n];
        for (var p = 0; p < n; p++)
        {
            times[p] = aggregates[p].FirstSeenTicks;
        }
        var sorted = (long[])times.Clone();
        Array.Sort(sorted);
        var cutoff = sorted[Math.Clamp((int)Math.Floor(n * (1 - fraction)), 1, n - 1)];
        var train = new List<int>(n);
        var itemTrained = new bool[journal.Items.Count];
        var trainItems = new List<int>[journal.Learners.Count];
        for (var p = 0; p < n; p++)
        {
            if (times[p] < cutoff)
            {
                train.Add(p);
                itemTrained[journal.PairItem[p]] = true;
                (trainItems[journal.PairLearner[p]] ??= []).Add(journal.PairItem[p]);
            }
        }
        var heldOut = new Dictionary<int, List<int>>();
        for (var p = 0; p < n; p++)
        {
            var learner = journal.PairLearner[p];
            var item = journal.PairItem[p];
            if (times[p] >= cutoff && trainItems[learner] is not null && itemTrained[item])
            {
                if (!heldOut.TryGetValue(learner, out var list))
                {
                    heldOut[learner] = list = [];
                }
                list.Add(item);
            }
        }
        return train.Count == 0 || heldOut.Count == 0 ? null : new TimeOrderedHoldout([.. train], heldOut, itemTrained, trainItems);
    }

    /// <summary>Mean Recall@20 and NDCG@10 over held-out learners, ranking every trained item the learner had not seen.</summary>
    public (double Recall20, double Ndcg10) Evaluate(int itemCount, Action<int, Span<float>> score)
    {
        var scores = new float[itemCount];
        var excluded = new bool[itemCount];
        var relevant = new bool[itemCount];
        Span<int> top = stackalloc int[20];
        double recall = 0, ndcg = 0;
        foreach (var (learner, items) in HeldOut)
        {
            score(learner, scores);
            for (var i = 0; i < itemCount; i++)
            {
                excluded[i] = !ItemTrained[i];
            }
            foreach (var i in TrainItems[learner])
            {
                excluded[i] = true;
            }
            foreach (var i in items)
            {
                relevant[i] = true;
            }
            var count = RankingMetrics.TopK(scores, excluded, top);
            recall += RankingMetrics.Recall(top[..count], 20, relevant, items.Count);
            ndcg += RankingMetrics.Ndcg(top[..count], 10, relevant, items.Count);
            foreach (var i in items)
            {
                relevant[i] = false;
            }
        }
        return (recall / HeldOut.Count, ndcg / HeldOut.Count);
    }
}
