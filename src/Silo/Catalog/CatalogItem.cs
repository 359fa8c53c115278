namespace Attune.Silo.Catalog;

/// <summary>An item of a course's catalog as an admin or adapter describes it.</summary>
public sealed record CatalogItem(
    string Id,
    string? Title,
    string? Kind,
    double? EstimatedMinutes,
    IReadOnlyList<string> Skills,
    DateTimeOffset? DueAt);

/// <summary>
/// A course as recommendations see it: catalog items merged with items seen only in events, each with how many
/// of the course's learners engaged with it and their mean time on task.
/// </summary>
public sealed record CourseSnapshot(string Course, int Learners, IReadOnlyList<CourseItem> Items)
{
    public static CourseSnapshot Empty(string course) => new(course, 0, []);
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
    bool InCatalog);
