namespace Attune.LmsAdapters;

/// <summary>A course as the LMS names it.</summary>
/// <param name="Course">The course id events use.</param>
/// <param name="Title">Its full name in the LMS (what reasons call it).</param>
/// <param name="ShortName">Its short name, if any.</param>
public sealed record LmsCourse(CourseId Course, string? Title, string? ShortName = null);
