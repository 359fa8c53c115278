namespace Attune.LmsAdapters.Canvas;

/// <summary>How a <see cref="CanvasSync"/> pass runs for one connection.</summary>
public sealed record CanvasSyncOptions
{
    /// <summary>The <see cref="LearningEvent.Source"/> of every event: the connection's id. Give the connection's
    /// Live Events the same source, so a fact both pulled and pushed is one event.</summary>
    public required string Source { get; init; }

    /// <summary>Only these courses (local ids), when given.</summary>
    public IReadOnlyCollection<long>? CourseIds { get; init; }

    /// <summary>With no <see cref="CourseIds"/>: the account whose published courses are synced (an admin token);
    /// with neither, the token user's active courses.</summary>
    public long? AccountId { get; init; }

    /// <summary>Enrollment base types that make a user a learner: students only by default (no teachers, TAs,
    /// designers or observers).</summary>
    public IReadOnlyList<string> LearnerEnrollmentTypes { get; init; } = ["StudentEnrollment"];

    /// <summary>Enrollment states that count: active students, and those of concluded courses, whose history still teaches.</summary>
    public IReadOnlyList<string> LearnerEnrollmentStates { get; init; } = ["active", "completed"];

    /// <summary>
    /// Subtracted from the pass's start before it becomes the next <c>since</c>: Canvas's clock may differ from
    /// ours and a change written while the pass ran must be seen again. Ids are deterministic, so the overlap costs
    /// only repeated rows.
    /// </summary>
    public TimeSpan CursorOverlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a course may go without reading all its submissions. The incremental reads see only what was
    /// submitted or graded since; a grade posted later (hidden grades keep their <c>graded_at</c>) or an edit the
    /// overlap missed is caught by this full read.
    /// </summary>
    public TimeSpan FullRefreshInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Whether grades not yet posted to the student become events. Off: a recommendation could reveal a
    /// grade the teacher has not released.</summary>
    public bool IncludeUnpostedGrades { get; init; }

    /// <summary>How global ids are normalised; <see cref="CanvasIds.Default"/> when <c>null</c>.</summary>
    public CanvasIds? Ids { get; init; }

    /// <summary>Minutes per catalog kind; <see cref="CanvasMinutesEstimate.Default"/> when <c>null</c>.</summary>
    public CanvasMinutesEstimate? MinutesEstimate { get; init; }
}
