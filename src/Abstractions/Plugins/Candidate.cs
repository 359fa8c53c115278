namespace Attune.Plugins;

/// <summary>
/// An item that could be recommended: its catalog facts and how the learner's classmates engaged with it.
/// </summary>
/// <param name="Item">The item.</param>
/// <param name="Course">Its course.</param>
/// <param name="Title">A human title, when known.</param>
/// <param name="Kind">The LMS's word for what it is (quiz, page, ...), when known.</param>
/// <param name="Minutes">Expected minutes: the catalog estimate, else classmates' mean time on task, else a default.</param>
/// <param name="DueAt">When it is due, if it has a deadline.</param>
/// <param name="Skills">Skills it exercises.</param>
/// <param name="PeersEngaged">How many other learners of the course engaged with it.</param>
/// <param name="CourseLearners">How many other learners the course has.</param>
public sealed record Candidate(
    ItemId Item,
    CourseId Course,
    string? Title,
    string? Kind,
    double Minutes,
    DateTimeOffset? DueAt,
    IReadOnlyList<SkillId> Skills,
    int PeersEngaged,
    int CourseLearners)
{
    /// <summary>The section or module it is in, when the LMS says (see <see cref="CatalogEntry.Section"/>).</summary>
    public string? Section { get; init; }

    /// <summary>Its place in the course's own order, lowest first, when the LMS gives one (see <see cref="CatalogEntry.Position"/>).</summary>
    public int? Position { get; init; }

    /// <summary>Items of the same course the LMS requires before this one; never null.</summary>
    public IReadOnlyList<ItemId> Prerequisites { get; init; } = [];

    /// <summary>Skills the item rests on; never null.</summary>
    public IReadOnlyList<SkillId> PrerequisiteSkills { get; init; } = [];

    /// <summary>When the LMS counts it as done, if it says.</summary>
    public CompletionRule? Completion { get; init; }

    /// <summary>Where it opens in the LMS, when known.</summary>
    public Uri? Url { get; init; }
}
