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
    /// <exception cref="ArgumentException">The item is already in the course, or the numbers cannot happen in a silo.</exception>
    public TestCourse Item(
        string item,
        double? minutes = null,
        int peersEngaged = 0,
        DateTimeOffset? dueAt = null,
        string? title = null,
        string? kind = null,
        IReadOnlyList<string>? skills = null)
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
            (skills ?? []).Select(s => new SkillId(s)).ToList(), peersEngaged, Classmates));
        return this;
    }

    /// <summary>Adds an item from its catalog entry, as the host does (estimated minutes, else <see cref="DefaultMinutes"/>).</summary>
    /// <exception cref="ArgumentException">The entry belongs to another course.</exception>
    public TestCourse Item(CatalogEntry entry, int peersEngaged = 0)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Course != Id)
        {
            throw new ArgumentException($"The entry for {entry.Item} belongs to {entry.Course}, not {Id}.", nameof(entry));
        }
        return Item(entry.Item.Value, entry.EstimatedMinutes, peersEngaged, entry.DueAt, entry.Title, entry.Kind,
            entry.Skills.Select(s => s.Value).ToList());
    }

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

    internal static string Describe(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "no items" : string.Join(", ", list.Take(10)) + (list.Count > 10 ? $" and {list.Count - 10} more" : "");
    }
}
