namespace Attune.Samples.PeerSequence;

/// <summary>
/// Counts, per course, which item each learner engaged with next. A learner's path through a course is their items
/// ordered by first engagement (ties by item id, so counting is deterministic); each consecutive pair is one
/// transition. The journal is in sequence order, not time order, so first engagement is the minimum timestamp seen.
/// </summary>
internal sealed class SequenceCounter
{
    private readonly Dictionary<(LearnerId Learner, CourseId Course), Dictionary<ItemId, DateTimeOffset>> _firstEngaged = new();

    public long Events { get; private set; }

    public int Paths => _firstEngaged.Count;

    /// <summary>Notes one event. Events without a course are skipped: their item cannot be matched to a course's candidates.</summary>
    public void Add(LearningEvent e)
    {
        if (e.Course is not { } course)
        {
            return;
        }
        Events++;
        if (!_firstEngaged.TryGetValue((e.Learner, course), out var items))
        {
            _firstEngaged[(e.Learner, course)] = items = new Dictionary<ItemId, DateTimeOffset>();
        }
        items[e.Item] = items.TryGetValue(e.Item, out var first) && first <= e.Timestamp ? first : e.Timestamp;
    }

    /// <summary>Where learners went after each item, keeping the <paramref name="maxNextItems"/> most common next items.</summary>
    public Dictionary<(CourseId Course, ItemId Item), NextSteps> Count(int maxNextItems, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(CourseId, ItemId), Dictionary<ItemId, int>>();
        foreach (var ((_, course), items) in _firstEngaged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = items.OrderBy(p => p.Value).ThenBy(p => p.Key.Value, StringComparer.Ordinal).Select(p => p.Key).ToList();
            for (var i = 0; i + 1 < path.Count; i++)
            {
                if (!counts.TryGetValue((course, path[i]), out var next))
                {
                    counts[(course, path[i])] = next = new Dictionary<ItemId, int>();
                }
                next[path[i + 1]] = next.GetValueOrDefault(path[i + 1]) + 1;
            }
        }
        // Each learner's path holds an item once, so the transitions out of an item count distinct learners.
        return counts.ToDictionary(
            p => p.Key,
            p => new NextSteps(
                p.Value.Values.Sum(),
                p.Value.OrderByDescending(n => n.Value).ThenBy(n => n.Key.Value, StringComparer.Ordinal)
                    .Take(maxNextItems).ToDictionary(n => n.Key, n => n.Value)));
    }
}
