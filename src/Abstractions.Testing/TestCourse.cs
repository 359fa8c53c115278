namespace Attune.Plugins.Testing;

/// <summary>
/// A course's candidates, built item by item the way the host builds them from its catalog: catalog facts plus how
/// many classmates engaged with each item.
/// </summary>
/// <example>
/// <code>
/// var course = new TestCourse("bio101", classmates: 20)
///     .Item("quiz-1", minutes: 10, peersEngaged: 18)
///     .Item("chapter-2", minutes: 25, dueAt: bench.Now.AddDays(2), title: "Chapter 2");
/// var scores = alice.Score(recommender, course.Candidates);
/// </code>
/// </example>
public sealed class TestCourse
{
    /// <summary>Minutes the host assumes for an item when neither the catalog nor classmates say (the silo's default).</summary>
    public const double DefaultMinutes = 10;

    private readonly List<Candidate> _candidates = [];

    /// <summary>Starts an empty course.</summary>
    /// <param name="id">The course id.</param>
    /// <param name="classmates">How many other learners the course has (<see cref="Candidate.CourseLearners"/>).</param>
    public TestCourse(string id, int classmates = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classmates);
        Id = new CourseId(id);
        Classmates = classmates;
    }

    /// <summary>The course.</summary>
    public CourseId Id { get; }

    /// <summary>How many other learners the course has.</summary>
    public int Classmates { get; }

    /// <summary>The candidates, in the order they were added.</summary>
    public IReadOnlyList<Candidate> Candidates => _candidates;

    /// <summary>The candidate for <paramref name="item"/>.</summary>
    /// <exception cref="KeyNotFoundException">The course has no such item.</exception>
    [System.Runtime.CompilerServices.IndexerName("Candidate")] // the default name, Item, is taken by the builder method
    public Candidate this[string item] =>
        _candidates.Find(c => c.Item.Value == item)
        ?? throw new KeyNotFoundException($"{Id} has no item '{item}'; it has {Describe(_candidates.Select(c => c.Item.Value))}.");

    /// <summary>Adds an item.</summary>
    /// <param name="item">The item id.</param>
    /// <param name="minutes">Expected minutes; <see cref="DefaultMinutes"/> when not given, as the host does.</param>
    /// <param name="peersEngaged">How many classmates engaged with it; at most <see cref="Classmates"/>.</param>
    /// <param name="dueAt">Its deadline, if any.</param>
    /// <param name="title">A human title.</param>
    /// <param name="kind">The LMS's word for it (quiz, page, ...).</param>
    /// <param name="skills">Skills it exercises.</param>
    /// <param name="position">Its place in the course's own order, lowest first (<see cref="Candidate.Position"/>).</param>
    /// <param name="section">The section or module it is in.</param>
    /// <param name="prerequisites">Items of this course the LMS requires before it.</param>
    /// <param name="prerequisiteSkills">Skills it rests on.</param>
    /// <param name="completion">When the LMS counts it as done.</param>
    /// <exception cref="ArgumentException">The item is already in the course, or the numbers cannot happen in a silo.</exception>
    public TestCourse Item(
        string item,
        double? minutes = null,
        int peersEngaged = 0,
        DateTimeOffset? dueAt = null,
        string? title = null,
        string? kind = null,
        IReadOnlyList<string>? skills = null,
        int? position = null,
        string? section = null,
        IReadOnlyList<string>? prerequisites = null,
        IReadOnlyList<string>? prerequisiteSkills = null,
        CompletionRule? completion = null)
    {
        var id = new ItemId(item);
        if (_candidates.Exists(c => c.Item == id))
        {
            throw new ArgumentException($"{Id} already has an item '{item}'.", nameof(item));
        }
        var expected = minutes ?? DefaultMinutes;
        if (!double.IsFinite(expected) || expected < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "Minutes must be a finite number of at least 0.");
        }
        if (peersEngaged < 0 || peersEngaged > Classmates)
        {
            throw new ArgumentOutOfRangeException(nameof(peersEngaged), peersEngaged,
                $"Between 0 and the course's {Classmates} classmates can have engaged with an item.");
        }
        _candidates.Add(new Candidate(id, Id, title, kind, expected, dueAt?.ToUniversalTime(),
            (skills ?? []).Select(s => new SkillId(s)).ToList(), peersEngaged, Classmates)
        {
            Position = position,
            Section = section,
            Prerequisites = (prerequisites ?? []).Select(p => new ItemId(p)).ToList(),
            PrerequisiteSkills = (prerequisiteSkills ?? []).Select(p => new SkillId(p)).ToList(),
            Completion = completion,
        });
        return this;
    }

    /// <summary>
    /// Adds an item from its catalog entry, as the host does: estimated minutes (else <see cref="DefaultMinutes"/>) and
    /// the entry's place in the course's structure. A non-recommendable entry is refused: the host never makes a
    /// candidate of one.
    /// </summary>
    /// <exception cref="ArgumentException">The entry belongs to another course.</exception>
    public TestCourse Item(CatalogEntry entry, int peersEngaged = 0)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Course != Id)
        {
            throw new ArgumentException($"The entry for {entry.Item} belongs to {entry.Course}, not {Id}.", nameof(entry));
        }
        if (!entry.Recommendable)
        {
            throw new ArgumentException($"{entry.Item} is not recommendable; the host never offers it to a plugin.", nameof(entry));
        }
        Item(entry.Item.Value, entry.EstimatedMinutes, peersEngaged, entry.DueAt, entry.Title, entry.Kind,
            entry.Skills.Select(s => s.Value).ToList(), entry.Position, entry.Section,
            entry.Prerequisites.Select(p => p.Value).ToList(), entry.PrerequisiteSkills.Select(p => p.Value).ToList(), entry.Completion);
        _candidates[^1] = _candidates[^1] with { Url = entry.Url };
        return this;
    }

    /// <summary>
    /// The course's catalog as the host passes it to strategies (<see cref="PlanningContext.Catalog"/>): every item,
    /// finished or not, in the course's own order (by <see cref="Candidate.Position"/>, items without one last, then by id).
    /// </summary>
    public IReadOnlyList<Candidate> Catalog =>
        _candidates.OrderBy(c => c.Position ?? int.MaxValue).ThenBy(c => c.Item.Value, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The candidates as a recommender would hand them to a strategy, ranked in the order given (best first), with
    /// descending scores from 1 down; items not named are left out. For testing a strategy without a recommender.
    /// </summary>
    /// <exception cref="KeyNotFoundException">An item is not in the course.</exception>
    public IReadOnlyList<ScoredCandidate> Ranked(params string[] itemsBestFirst) =>
        itemsBestFirst.Select((item, rank) => new ScoredCandidate(this[item], 1.0 - (double)rank / Math.Max(1, itemsBestFirst.Length))).ToList();

    /// <summary>Every candidate scored by <paramref name="score"/>, best first, ties by item id, as the host orders a recommender's scores.</summary>
    public IReadOnlyList<ScoredCandidate> ScoredBy(Func<Candidate, double> score, Func<Candidate, string?>? reason = null) =>
        _candidates.Select(c => new ScoredCandidate(c, score(c), reason?.Invoke(c)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Candidate.Item.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>The catalog entry a candidate was built from, as the host hands it to Observe.</summary>
    internal static CatalogEntry EntryFor(Candidate c) =>
        new(c.Course, c.Item, c.Title, c.Kind, c.Minutes, c.Skills, c.DueAt)
        {
            Section = c.Section,
            Position = c.Position,
            Prerequisites = c.Prerequisites,
            PrerequisiteSkills = c.PrerequisiteSkills,
            Completion = c.Completion,
            Url = c.Url,
        };

    internal static string Describe(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "no items" : string.Join(", ", list.Take(10)) + (list.Count > 10 ? $" and {list.Count - 10} more" : "");
    }
}
