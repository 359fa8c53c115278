namespace Attune.LmsAdapters.Canvas;

/// <summary>A course a pass synced without error, with what the status page shows of it.</summary>
/// <param name="Id">The course id (local, as text).</param>
/// <param name="Name">The course name.</param>
/// <param name="CourseCode">The course code.</param>
/// <param name="FullPass">Whether all submissions were read (no <c>since</c>), see <see cref="CanvasSyncOptions.FullRefreshInterval"/>.</param>
public sealed record CanvasSyncedCourse(CourseId Id, string? Name, string? CourseCode, bool FullPass);
