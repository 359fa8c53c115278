namespace Attune.LmsAdapters.Moodle;

/// <summary>One user of <c>core_enrol_get_enrolled_users</c>.</summary>
public sealed record MoodleEnrolledUser
{
    /// <summary>The user id.</summary>
    public long Id { get; init; }
    /// <summary>The login name.</summary>
    public string? UserName { get; init; }
    /// <summary>The full name.</summary>
    public string? FullName { get; init; }
    /// <summary>The e-mail address, when the token may see it.</summary>
    public string? Email { get; init; }
    /// <summary>The institution's id for the user (a student number), when set.</summary>
    public string? IdNumber { get; init; }
    /// <summary>Last access to this course, Unix seconds; 0 for never.</summary>
    public long LastCourseAccess { get; init; }
    /// <summary>The user's roles in the course; <c>null</c> when the reply leaves them out.</summary>
    public IReadOnlyList<MoodleRole>? Roles { get; init; }
}

/// <summary>A role of an enrolled user.</summary>
public sealed record MoodleRole
{
    /// <summary>The role id.</summary>
    public long RoleId { get; init; }
    /// <summary>The role's short name: <c>student</c>, <c>editingteacher</c>, ...</summary>
    public string ShortName { get; init; } = string.Empty;
}
