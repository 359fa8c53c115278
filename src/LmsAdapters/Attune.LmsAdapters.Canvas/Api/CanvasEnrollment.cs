namespace Attune.LmsAdapters.Canvas;

/// <summary>An enrollment as <c>GET /api/v1/courses/:course_id/enrollments</c> answers it.</summary>
public sealed record CanvasEnrollment
{
    /// <summary>The enrollment id.</summary>
    public long Id { get; init; }
    /// <summary>The course.</summary>
    public long CourseId { get; init; }
    /// <summary>The enrolled user.</summary>
    public long UserId { get; init; }
    /// <summary>The base type: <c>StudentEnrollment</c>, <c>TeacherEnrollment</c>, <c>TaEnrollment</c>, <c>DesignerEnrollment</c>, <c>ObserverEnrollment</c>.</summary>
    public string? Type { get; init; }
    /// <summary>The role name (a custom role's name, or the base type).</summary>
    public string? Role { get; init; }
    /// <summary><c>active</c>, <c>invited</c>, <c>inactive</c>, <c>completed</c>, ...</summary>
    public string? EnrollmentState { get; init; }
    /// <summary>The user, as the enrollment embeds it.</summary>
    public CanvasUser? User { get; init; }
}

/// <summary>A user as an enrollment embeds it; what the token may see of e-mail and SIS ids depends on its permissions.</summary>
public sealed record CanvasUser
{
    /// <summary>The user id.</summary>
    public long Id { get; init; }
    /// <summary>The display name.</summary>
    public string? Name { get; init; }
    /// <summary>"Last, First".</summary>
    public string? SortableName { get; init; }
    /// <summary>The institution's id for the user, when visible.</summary>
    public string? SisUserId { get; init; }
    /// <summary>The login, when visible.</summary>
    public string? LoginId { get; init; }
    /// <summary>The e-mail address, when visible.</summary>
    public string? Email { get; init; }
}
