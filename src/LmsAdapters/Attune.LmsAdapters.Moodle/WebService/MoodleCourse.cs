namespace Attune.LmsAdapters.Moodle;

/// <summary>One course of <c>core_course_get_courses</c>.</summary>
public sealed record MoodleCourse
{
    /// <summary>The course id.</summary>
    public long Id { get; init; }
    /// <summary>The short name, e.g. <c>ITC101</c>.</summary>
    public string ShortName { get; init; } = string.Empty;
    /// <summary>The full name.</summary>
    public string FullName { get; init; } = string.Empty;
    /// <summary>The institution's id for the course, often empty.</summary>
    public string? IdNumber { get; init; }
    /// <summary>The course format; <c>site</c> marks the front page, which is no course.</summary>
    public string? Format { get; init; }
    /// <summary>Start, Unix seconds; 0 when unset.</summary>
    public long StartDate { get; init; }
    /// <summary>End, Unix seconds; 0 when unset.</summary>
    public long EndDate { get; init; }
    /// <summary>Whether students can see the course.</summary>
    public bool Visible { get; init; }
    /// <summary>Whether completion tracking is on.</summary>
    public bool EnableCompletion { get; init; }
    /// <summary>Last change to the course's settings, Unix seconds.</summary>
    public long TimeModified { get; init; }
}
