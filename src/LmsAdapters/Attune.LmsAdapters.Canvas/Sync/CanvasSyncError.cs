namespace Attune.LmsAdapters.Canvas;

/// <summary>A failure that cost one course of a pass but not the pass.</summary>
/// <param name="Course">The course.</param>
/// <param name="Path">The request that failed (path and query; never a token).</param>
/// <param name="StatusCode">Canvas's HTTP status, or <c>null</c> when there was no usable answer.</param>
/// <param name="Message">What went wrong, free of the token.</param>
public sealed record CanvasSyncError(CourseId Course, string Path, int? StatusCode, string Message);
