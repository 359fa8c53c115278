namespace Attune.Silo.Catalog;

/// <summary>
/// An item of a course's catalog as an admin or adapter describes it: what it is, what it costs, and where it sits in
/// the course's structure (the teacher's order, what must come before it, when the LMS counts it as done).
/// </summary>
public sealed record CatalogItem(
    string Id,
    string? Title,
    string? Kind,
    double? EstimatedMinutes,
    IReadOnlyList<string> Skills,
    DateTimeOffset? DueAt)
{
    /// <summary>The section or module it is in.</summary>
    public string? Section { get; init; }

    /// <summary>Its place in the course's own order, lowest first.</summary>
    public int? Position { get; init; }

    /// <summary>Items of the same course to finish first.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    /// <summary>Skills the item rests on.</summary>
    public IReadOnlyList<string> PrerequisiteSkills { get; init; } = [];

    /// <summary>When the LMS counts it as done.</summary>
    public CatalogCompletion? Completion { get; init; }

    /// <summary>Where it opens in the LMS.</summary>
    public Uri? Url { get; init; }

    /// <summary>Whether plans may send a learner to it (false for course pages, sections, single questions).</summary>
    public bool Recommendable { get; init; } = true;

    /// <summary>The structure part, as stored and as snapshots carry it.</summary>
    internal CatalogStructure Structure => new(Section, Position, Prerequisites, PrerequisiteSkills, Completion, Url?.AbsoluteUri, Recommendable);

    /// <summary>The item from an adapter's <see cref="CatalogEntry"/>.</summary>
    public static CatalogItem From(CatalogEntry e) =>
        new(e.Item.Value, e.Title, e.Kind, e.EstimatedMinutes, e.Skills.Select(s => s.Value).ToList(), e.DueAt)
        {
            Section = e.Section,
            Position = e.Position,
            Prerequisites = e.Prerequisites.Select(p => p.Value).ToList(),
            PrerequisiteSkills = e.PrerequisiteSkills.Select(s => s.Value).ToList(),
            Completion = e.Completion is { } c ? CatalogCompletion.From(c) : null,
            Url = e.Url,
            Recommendable = e.Recommendable,
        };

    internal CatalogItem WithStructure(CatalogStructure? s) => s is null ? this : this with
    {
        Section = s.Section,
        Position = s.Position,
        Prerequisites = s.Prerequisites ?? [],
        PrerequisiteSkills = s.PrerequisiteSkills ?? [],
        Completion = s.Completion,
        Url = s.Url is { } url ? new Uri(url) : null,
        Recommendable = s.Recommendable,
    };
}

/// <summary>
/// A course as recommendations see it: catalog items merged with items seen only in events, each with how many
/// of the course's learners engaged with it and their mean time on task.
/// </summary>
public sealed record CourseSnapshot(string Course, int Learners, IReadOnlyList<CourseItem> Items)
{
    private Dictionary<string, CourseItem>? _byId;

    public static CourseSnapshot Empty(string course) => new(course, 0, []);

    /// <summary>The item with this id, or null. The index is built on first use; a race builds it twice, harmlessly.</summary>
    public CourseItem? Find(string item) => (_byId ??= Items.ToDictionary(i => i.Id, StringComparer.Ordinal)).GetValueOrDefault(item);

    /// <summary>The skills the catalog gives an item, for events that name none (LMS events rarely do).</summary>
    public IReadOnlyList<SkillId> SkillsOf(ItemId item) => Find(item.Value)?.Skills ?? [];

    /// <summary><paramref name="e"/> with the catalog's skills when it names none.</summary>
    public LearningEvent WithCatalogSkills(LearningEvent e) =>
        e.Skills.Count == 0 && SkillsOf(e.Item) is { Count: > 0 } skills
            ? new LearningEvent(e.Id, e.Learner, e.Item, e.Kind, e.Timestamp, e.Course, e.Score, e.DurationSeconds, skills, e.Source)
            : e;
}

public sealed record CourseItem(
    string Id,
    string? Title,
    string? Kind,
    double? EstimatedMinutes,
    IReadOnlyList<SkillId> Skills,
    DateTimeOffset? DueAt,
    int LearnersEngaged,
    double? MeanMinutesOfPeers,
    bool InCatalog)
{
    /// <summary>Where the item sits in the course; <see cref="CatalogStructure.None"/> for items seen only in events.</summary>
    internal CatalogStructure Structure { get; init; } = CatalogStructure.None;

    /// <summary>The item as the SDK describes a catalog item, for plugins; null for an item seen only in events.</summary>
    public CatalogEntry? ToEntry(CourseId course) => !InCatalog ? null
        : new CatalogEntry(course, new ItemId(Id), Title, Kind, EstimatedMinutes, Skills, DueAt)
        {
            Section = Structure.Section,
            Position = Structure.Position,
            Prerequisites = Structure.Prerequisites is { Count: > 0 } pre ? pre.Select(p => new ItemId(p)).ToArray() : [],
            PrerequisiteSkills = Structure.PrerequisiteSkills is { Count: > 0 } skills ? skills.Select(k => new SkillId(k)).ToArray() : [],
            Completion = Structure.Completion?.ToRule(),
            Url = Structure.Url is { } url ? new Uri(url) : null,
            Recommendable = Structure.Recommendable,
        };
}
