namespace Attune.LmsAdapters.Canvas;

/// <summary>Something a pass met and worked around, said rather than silently dropped.</summary>
/// <param name="Course">The course it concerns.</param>
/// <param name="Message">What, in words for the admin.</param>
public sealed record CanvasSyncWarning(CourseId Course, string Message);
