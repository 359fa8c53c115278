using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>
/// The course as the planner reads it: for each item its skill keys, its place in the course's order and the items it
/// requires; for each skill what it rests on, with a weight. Prerequisites come, strongest first, from what the course
/// states (an item's <see cref="Candidate.PrerequisiteSkills"/>, and the skills of the items it requires), then from
/// what the fit inferred from the journal, and, when the course states none at all, from its order: each skill is taken to
/// rest on the one before it, with <see cref="StudyPlannerOptions.OrderAsPrerequisite"/> weight.
/// </summary>
internal sealed class CourseMap
{
    private readonly Dictionary<string, List<(string Key, double Weight, PrerequisiteSource Source)>> _requires = new(StringComparer.Ordinal);

    private CourseMap(IReadOnlyList<Candidate> items)
    {
        Items = items;
    }

    /// <summary>The items, in the course's order.</summary>
    public IReadOnlyList<Candidate> Items { get; }

    public Dictionary<Candidate, IReadOnlyList<string>> Keys { get; } = [];

    public Dictionary<Candidate, int> Rank { get; } = [];

    /// <summary>Whether the course states any prerequisite at all.</summary>
    public bool StatesPrerequisites { get; private set; }

    /// <summary>The skills in the order a learner meets them: each after everything it rests on, otherwise in the course's order.</summary>
    public List<string> SkillOrder { get; } = [];

    /// <summary>
    /// The course's path: every item in the order a learner should meet it first. Skills in <see cref="SkillOrder"/>; within
    /// a skill, an item after the items it requires, otherwise in the course's order. The course's order repaired, never
    /// replaced: a course in a sound order keeps it.
    /// </summary>
    public List<Candidate> Path { get; } = [];

    /// <summary>Each item's place on <see cref="Path"/>.</summary>
    public Dictionary<Candidate, int> PathRank { get; } = [];

    /// <summary>Each skill's place in <see cref="SkillOrder"/>.</summary>
    public Dictionary<string, int> SkillRank { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Key, double Weight, PrerequisiteSource Source)> RequiresOf(string key) =>
        _requires.TryGetValue(key, out var list) ? list : [];

    public static CourseMap Build(IReadOnlyList<Candidate> items, LearningModel model, StudyPlannerOptions options)
    {
        var ordered = items
            .Select((c, i) => (c, i))
            .OrderBy(x => x.c.Position ?? int.MaxValue).ThenBy(x => x.i)
            .Select(x => x.c)
            .ToList();
        var map = new CourseMap(ordered);
        var byId = new Dictionary<(ItemId, CourseId), Candidate>();
        for (var r = 0; r < ordered.Count; r++)
        {
            var c = ordered[r];
            map.Rank[c] = r;
            map.Keys[c] = StudyTracer.KeysOf(c.Item.Value, c.Skills);
            byId.TryAdd((c.Item, c.Course), c);
        }
        foreach (var c in ordered)
        {
            foreach (var key in map.Keys[c])
            {
                foreach (var pre in c.PrerequisiteSkills)
                {
                    map.Add(key, pre.Value, 1, PrerequisiteSource.Course);
                }
                foreach (var item in c.Prerequisites)
                {
                    if (byId.TryGetValue((item, c.Course), out var required))
                    {
                        foreach (var pre in map.Keys[required])
                        {
                            map.Add(key, pre, 1, PrerequisiteSource.Course);
                        }
                    }
                }
            }
        }
        map.StatesPrerequisites = map._requires.Count > 0;
        if (!map.StatesPrerequisites)
        {
            var inferred = new HashSet<string>(StringComparer.Ordinal);
            // An inferred prerequisite is taken only where it agrees with the course's order (what it rests on comes first):
            // against the author's order it is more likely an artefact of who studied what when than a dependency.
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in ordered)
            {
                foreach (var key in map.Keys[c])
                {
                    first.TryAdd(key, map.Rank[c]);
                }
            }
            foreach (var edge in model.Inferred)
            {
                if (first.TryGetValue(edge.Skill, out var at) && first.TryGetValue(edge.Requires, out var before) && before < at)
                {
                    map.Add(edge.Skill, edge.Requires, 1, PrerequisiteSource.Inferred);
                    inferred.Add(edge.Skill);
                }
            }
            if (options.OrderAsPrerequisite > 0)
            {
                // The course's order as the weakest prior: each skill rests on the one met just before it.
                string? previous = null;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var c in ordered)
                {
                    foreach (var key in map.Keys[c])
                    {
                        if (!seen.Add(key))
                        {
                            continue;
                        }
                        if (previous is not null && !inferred.Contains(key))
                        {
                            map.Add(key, previous, options.OrderAsPrerequisite, PrerequisiteSource.Order);
                        }
                        previous = key;
                    }
                }
            }
        }
        map.OrderSkills();
        map.OrderPath(byId);
        return map;
    }

    /// <summary>
    /// A topological order of the skills (Kahn's algorithm), taking among the skills whose prerequisites are all placed
    /// the one the course meets first. Edges that would make a cycle (the course refuses those; inferred ones avoid them)
    /// are ignored by placing the earliest remaining skill when none is free.
    /// </summary>
    private void OrderSkills()
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in Items)
        {
            foreach (var key in Keys[c])
            {
                first.TryAdd(key, Rank[c]);
            }
        }
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = first.Keys.OrderBy(k => first[k]).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(k => RequiresOf(k).All(r => placed.Contains(r.Key) || !first.ContainsKey(r.Key))) ?? remaining[0];
            remaining.Remove(next);
            placed.Add(next);
            SkillRank[next] = SkillOrder.Count;
            SkillOrder.Add(next);
        }
    }

    /// <summary>Kahn's algorithm again, over items: of the items whose required items are placed, the earliest skill first, then the course's order.</summary>
    private void OrderPath(Dictionary<(ItemId, CourseId), Candidate> byId)
    {
        int SkillOf(Candidate c) => Keys[c].Select(k => SkillRank.GetValueOrDefault(k, int.MaxValue)).DefaultIfEmpty(int.MaxValue).Min();
        var placed = new HashSet<Candidate>();
        var remaining = Items.OrderBy(SkillOf).ThenBy(c => Rank[c]).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(c => c.Prerequisites.All(p => !byId.TryGetValue((p, c.Course), out var r) || placed.Contains(r))) ?? remaining[0];
            remaining.Remove(next);
            placed.Add(next);
            PathRank[next] = Path.Count;
            Path.Add(next);
        }
    }

    private void Add(string key, string requires, double weight, PrerequisiteSource source)
    {
        if (key == requires)
        {
            return;
        }
        if (!_requires.TryGetValue(key, out var list))
        {
            _requires[key] = list = [];
        }
        if (!list.Exists(x => x.Key == requires))
        {
            list.Add((requires, weight, source));
        }
    }
}
