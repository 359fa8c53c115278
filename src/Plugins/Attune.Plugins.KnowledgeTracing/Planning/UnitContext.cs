using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Planning;

/// <summary>
/// Says what a skill is needed for, given the candidates in play: "the next unit" when a skill of the next unit builds
/// on it, else the name of a skill in play, not yet mastered, that builds on it. The next unit is the new material
/// (no opportunity yet on any of its skills) with the earliest deadline still ahead, on that UTC day.
/// </summary>
public sealed class UnitContext
{
    private readonly SkillGraph _graph;
    private readonly HashSet<string> _nextUnit = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inPlay = new(StringComparer.Ordinal);

    /// <summary>Reads the candidates' skills and deadlines.</summary>
    public UnitContext(IReadOnlyList<ScoredCandidate> candidates, KnowledgeState state, SkillGraph graph, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(state);
        _graph = graph;
        DateOnly? first = null;
        var keys = new string[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i].Candidate;
            keys[i] = KnowledgeTracer.KeysOf(c.Item, c.Skills).ToArray();
            _inPlay.UnionWith(keys[i]);
            if (c.DueAt is { } due && due >= now && keys[i].All(k => !KnowledgeTracer.HasSeen(state, k)))
            {
                var day = DateOnly.FromDateTime(due.UtcDateTime);
                first = first is { } f && f <= day ? f : day;
            }
        }
        if (first is not { } unitDay)
        {
            return;
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Candidate.DueAt is { } due && DateOnly.FromDateTime(due.UtcDateTime) == unitDay
                && keys[i].All(k => !KnowledgeTracer.HasSeen(state, k)))
            {
                _nextUnit.UnionWith(keys[i]);
            }
        }
    }

    /// <summary>What <paramref name="key"/> is needed for, or <c>null</c> when nothing in play builds on it.</summary>
    /// <param name="key">The skill.</param>
    /// <param name="mastery">Estimates of skills, to skip dependents already mastered.</param>
    /// <param name="masteredAt">The mastery threshold.</param>
    public string? NeededFor(string key, Func<string, double> mastery, double masteredAt)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        var dependents = _graph.DependentsOf(key);
        foreach (var dependent in dependents)
        {
            if (_nextUnit.Contains(dependent))
            {
                return "the next unit";
            }
        }
        foreach (var dependent in dependents)
        {
            if (_inPlay.Contains(dependent) && mastery(dependent) < masteredAt)
            {
                return _graph.NameOf(dependent);
            }
        }
        return null;
    }
}
