namespace Attune.LmsAdapters.Moodle;

/// <summary>One user's grades in a course from <c>gradereport_user_get_grade_items</c>.</summary>
public sealed record MoodleUserGrades
{
    /// <summary>The course id.</summary>
    public long CourseId { get; init; }
    /// <summary>The user id.</summary>
    public long UserId { get; init; }
    /// <summary>The user's grade items.</summary>
    public IReadOnlyList<MoodleGradeItem> GradeItems { get; init; } = [];
}

/// <summary>One grade item with the user's grade.</summary>
public sealed record MoodleGradeItem
{
    /// <summary>The grade item id.</summary>
    public long Id { get; init; }
    /// <summary>The item's name (null for the course total).</summary>
    public string? ItemName { get; init; }
    /// <summary><c>mod</c>, <c>course</c>, <c>category</c> or <c>manual</c>.</summary>
    public string? ItemType { get; init; }
    /// <summary>The module type for <c>mod</c> items.</summary>
    public string? ItemModule { get; init; }
    /// <summary>The course module id for <c>mod</c> items.</summary>
    public long? CmId { get; init; }
    /// <summary>The raw grade; <c>null</c> when ungraded.</summary>
    public double? GradeRaw { get; init; }
    /// <summary>The lowest possible grade.</summary>
    public double GradeMin { get; init; }
    /// <summary>The highest possible grade.</summary>
    public double GradeMax { get; init; }
    /// <summary>When the work was submitted, Unix seconds.</summary>
    public long? GradeDateSubmitted { get; init; }
    /// <summary>When it was graded, Unix seconds.</summary>
    public long? GradeDateGraded { get; init; }
}

internal sealed record MoodleGradeItemsReply
{
    public IReadOnlyList<MoodleUserGrades> UserGrades { get; init; } = [];
}
