namespace Attune.LmsAdapters.Canvas;

/// <summary>A course as <c>GET /api/v1/courses</c> and <c>/api/v1/courses/:id</c> answer it (the fields Attune reads).</summary>
public sealed record CanvasCourse
{
    /// <summary>The local course id.</summary>
    public long Id { get; init; }
    /// <summary>The full name.</summary>
    public string? Name { get; init; }
    /// <summary>The course code (short name).</summary>
    public string? CourseCode { get; init; }
    /// <summary><c>unpublished</c>, <c>available</c>, <c>completed</c> or <c>deleted</c>.</summary>
    public string? WorkflowState { get; init; }
    /// <summary>The start, when set.</summary>
    public DateTimeOffset? StartAt { get; init; }
    /// <summary>The end, when set.</summary>
    public DateTimeOffset? EndAt { get; init; }
}
