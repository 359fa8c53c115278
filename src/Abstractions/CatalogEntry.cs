namespace Attune;

/// <summary>
/// An item of a course's catalog as an LMS adapter or an admin describes it: what it is, what it costs in
/// minutes, which skills it exercises, when it is due, and where it sits in the course's structure (its place in the
/// teacher's order, what must come before it, when the LMS counts it as done). Items seen only in events exist without one.
/// </summary>
/// <param name="Course">The course the item belongs to.</param>
/// <param name="Item">The item's id, as events name it.</param>
/// <param name="Title">A human title, when known.</param>
/// <param name="Kind">What sort of item it is in the LMS's words (<c>quiz</c>, <c>assign</c>, <c>page</c>, ...).</param>
/// <param name="EstimatedMinutes">How long a learner needs for it, when known or estimated.</param>
/// <param name="Skills">Skills the item exercises; empty when unknown.</param>
/// <param name="DueAt">When it is due, in UTC, if it has a deadline.</param>
public sealed record CatalogEntry(
    CourseId Course,
    ItemId Item,
    string? Title = null,
    string? Kind = null,
    double? EstimatedMinutes = null,
    IReadOnlyList<SkillId>? Skills = null,
    DateTimeOffset? DueAt = null)
{
    /// <summary>Skills the item exercises; never null.</summary>
    public IReadOnlyList<SkillId> Skills { get; init; } = Skills ?? [];

    /// <summary>The section (Moodle) or module (Canvas) the item is in, by name, when known.</summary>
    public string? Section { get; init; }

    /// <summary>
    /// The item's place in the course's own order (Moodle section then activity order, Canvas module then item
    /// position), lowest first; <c>null</c> when the LMS gives no order.
    /// </summary>
    public int? Position { get; init; }

    /// <summary>Items of the same course the LMS requires before this one (restrict access, module prerequisites); never null.</summary>
    public IReadOnlyList<ItemId> Prerequisites { get; init; } = [];

    /// <summary>Skills the item rests on: what a learner should know before it teaches them anything; never null.</summary>
    public IReadOnlyList<SkillId> PrerequisiteSkills { get; init; } = [];

    /// <summary>When the LMS counts the item as done, if it says.</summary>
    public CompletionRule? Completion { get; init; }

    /// <summary>Where the item opens in the LMS, when known.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// Whether the item is a learning activity a learner can be sent to; <c>false</c> for a course's front page, a
    /// section or a single question inside a quiz, which events may name but plans never should.
    /// </summary>
    public bool Recommendable { get; init; } = true;
}
