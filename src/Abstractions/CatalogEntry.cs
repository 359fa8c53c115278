namespace Attune;

/// <summary>
/// An item of a course's catalog as an LMS adapter or an admin describes it: what it is, what it costs in
/// minutes, which skills it exercises and when it is due. Items seen only in events exist without one.
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
}
