namespace Attune.LmsAdapters.Moodle;

/// <summary>One assignment's submissions from <c>mod_assign_get_submissions</c>.</summary>
public sealed record MoodleAssignmentSubmissions
{
    /// <summary>The assignment id (the module's instance id).</summary>
    public long AssignmentId { get; init; }
    /// <summary>Its submissions modified since the time asked for.</summary>
    public IReadOnlyList<MoodleSubmission> Submissions { get; init; } = [];
}

/// <summary>One submission.</summary>
public sealed record MoodleSubmission
{
    /// <summary>The submission id.</summary>
    public long Id { get; init; }
    /// <summary>The submitting user.</summary>
    public long UserId { get; init; }
    /// <summary>The attempt number (0 first).</summary>
    public int AttemptNumber { get; init; }
    /// <summary>Created, Unix seconds.</summary>
    public long TimeCreated { get; init; }
    /// <summary>Last modified, Unix seconds: the time of the submit for a <c>submitted</c> one.</summary>
    public long TimeModified { get; init; }
    /// <summary><c>new</c>, <c>draft</c>, <c>submitted</c> or <c>reopened</c>.</summary>
    public string? Status { get; init; }
}

internal sealed record MoodleAssignmentSubmissionsReply
{
    public IReadOnlyList<MoodleAssignmentSubmissions> Assignments { get; init; } = [];
}
