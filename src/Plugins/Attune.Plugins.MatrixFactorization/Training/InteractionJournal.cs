using System.Runtime.InteropServices;
using Attune.Plugins.MatrixFactorization.Numerics;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// The journal as training sees it: events merged per (learner, item) into <see cref="InteractionAggregate"/>s (the
/// same aggregates a learner's history keeps), with dense indices for learners and items, each item's course and
/// skills (from the first event that named them), and the time each pair was first seen (for time-ordered holdouts).
/// Memory is linear in distinct pairs, not in events.
/// </summary>
internal sealed class InteractionJournal
{
    private readonly Dictionary<LearnerId, int> _learnerIndex = new();
    private readonly Dictionary<ItemId, int> _itemIndex = new();
    private readonly Dictionary<long, int> _pairIndex = new();
    private readonly List<InteractionAggregate> _aggregates = [];

    public List<LearnerId> Learners { get; } = [];
    public List<ItemId> Items { get; } = [];
    public List<CourseId?> ItemCourses { get; } = [];
    public List<SkillId[]> ItemSkills { get; } = [];
    public List<int> PairLearner { get; } = [];
    public List<int> PairItem { get; } = [];
    public long Events { get; private set; }
    public int Pairs => _aggregates.Count;

    public ReadOnlySpan<InteractionAggregate> Aggregates => CollectionsMarshal.AsSpan(_aggregates);

    public void Add(LearningEvent e)
    {
        Events++;
        if (!_learnerIndex.TryGetValue(e.Learner, out var learner))
        {
            learner = Learners.Count;
            _learnerIndex[e.Learner] = learner;
            Learners.Add(e.Learner);
        }
        if (!_itemIndex.TryGetValue(e.Item, out var item))
        {
            item = Items.Count;
            _itemIndex[e.Item] = item;
            Items.Add(e.Item);
            ItemCourses.Add(null);
            ItemSkills.Add([]);
        }
        if (ItemCourses[item] is null && e.Course is { } course)
        {
            ItemCourses[item] = course;
        }
        if (ItemSkills[item].Length == 0 && e.Skills.Count > 0)
        {
            ItemSkills[item] = [.. e.Skills.Distinct()];
        }
        var key = ((long)learner << 32) | (uint)item;
        if (!_pairIndex.TryGetValue(key, out var pair))
        {
            pair = _aggregates.Count;
            _pairIndex[key] = pair;
            _aggregates.Add(InteractionAggregate.Empty);
            PairLearner.Add(learner);
            PairItem.Add(item);
        }
        CollectionsMarshal.AsSpan(_aggregates)[pair].Add(e);
    }

    public bool TryGetLearner(LearnerId learner, out int index) => _learnerIndex.TryGetValue(learner, out index);

    /// <summary>
    /// The learners × items matrix and its transpose over the chosen pairs (all when <paramref name="pairs"/> is
    /// null), every learner and item index kept (rows without pairs stay empty), values from <paramref name="value"/>.
    /// </summary>
    public (SparseRows Learners, SparseRows Items) Matrices(int[]? pairs, Func<InteractionAggregate, float> value)
    {
        var n = pairs?.Length ?? Pairs;
        var rows = new int[n];
        var cols = new int[n];
        var values = new float[n];
        var aggregates = Aggregates;
        for (var t = 0; t < n; t++)
        {
            var p = pairs is null ? t : pairs[t];
            rows[t] = PairLearner[p];
            cols[t] = PairItem[p];
            values[t] = value(aggregates[p]);
        }
        var byLearner = SparseRows.FromTriples(Learners.Count, Items.Count, rows, cols, values);
        var byItem = byLearner.Transpose();
        // Source indexes the triples (positions in `pairs`); callers refill values by pair, so map back to pairs.
        if (pairs is not null)
        {
            for (var e = 0; e < byLearner.Source.Length; e++)
            {
                byLearner.Source[e] = pairs[byLearner.Source[e]];
                byItem.Source[e] = pairs[byItem.Source[e]];
            }
        }
        return (byLearner, byItem);
    }

    /// <summary>The learners × items matrix of latest scores over the scored pairs among <paramref name="pairs"/>.</summary>
    public (SparseRows Learners, SparseRows Items) ScoreMatrices(int[]? pairs)
    {
        var aggregates = Aggregates;
        var scored = new List<int>();
        var n = pairs?.Length ?? Pairs;
        for (var t = 0; t < n; t++)
        {
            var p = pairs is null ? t : pairs[t];
            if (aggregates[p].HasScore)
            {
                scored.Add(p);
            }
        }
        return Matrices([.. scored], a => (float)a.LastScore);
    }
}
