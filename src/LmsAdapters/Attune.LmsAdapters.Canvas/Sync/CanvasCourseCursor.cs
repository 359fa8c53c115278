namespace Attune.LmsAdapters.Canvas;

/// <summary>Where one course's incremental sync stands.</summary>
/// <param name="Since">The <c>submitted_since</c> and <c>graded_since</c> of the next pass; <c>null</c> means everything.</param>
/// <param name="FullPassAt">When all of the course's submissions were last read without a <c>since</c>.</param>
public sealed record CanvasCourseCursor(DateTimeOffset? Since = null, DateTimeOffset? FullPassAt = null);
