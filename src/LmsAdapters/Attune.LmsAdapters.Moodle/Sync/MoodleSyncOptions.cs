namespace Attune.LmsAdapters.Moodle;

/// <summary>How a <see cref="MoodleSync"/> pass runs for one connection.</summary>
public sealed record MoodleSyncOptions
{
    /// <summary>The <see cref="LearningEvent.Source"/> of every event: the connection's id, so the journal's
    /// (tenant, source, id) uniqueness makes a re-poll a no-op.</summary>
    public required string Source { get; init; }

    /// <summary>Only these courses, when given; otherwise every course the token can see but the front page.</summary>
    public IReadOnlyCollection<long>? CourseIds { get; init; }

    /// <summary>Role short names that make an enrolled user a learner. Teachers and managers are left out; a user
    /// whose roles the reply omits counts as a learner.</summary>
    public IReadOnlySet<string> LearnerRoles { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "student" };

    /// <summary>
    /// How long a course may go without the per-learner calls (completion, quiz attempts) when
    /// <c>core_course_get_updates_since</c> reports nothing new. That function only sees what the token user
    /// sees (LMS-NOTES §1b), so a quiet course still gets a full pass at least this often.
    /// </summary>
    public TimeSpan FullRefreshInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Subtracted from the pass's start time before it becomes the next <c>since</c>: Moodle's clock may lag
    /// ours, and a change written while the pass ran must be seen again. Events have deterministic ids, so the
    /// overlap costs nothing but a few repeated rows.
    /// </summary>
    public TimeSpan CursorOverlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many enrolled users one <c>core_enrol_get_enrolled_users</c> call fetches.</summary>
    public int EnrolledUsersPageSize { get; init; } = 500;

    /// <summary>Minutes per module type for the catalog; <see cref="MoodleMinutesEstimate.Default"/> when <c>null</c>.</summary>
    public MoodleMinutesEstimate? MinutesEstimate { get; init; }
}
