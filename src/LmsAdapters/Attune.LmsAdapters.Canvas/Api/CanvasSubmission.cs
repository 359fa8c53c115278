using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.LmsAdapters.Canvas;

/// <summary>A submission as <c>GET /api/v1/courses/:course_id/students/submissions</c> answers it.</summary>
public sealed record CanvasSubmission
{
    /// <summary>The submission id: one per student and assignment, across attempts.</summary>
    public long Id { get; init; }
    /// <summary>The assignment.</summary>
    public long AssignmentId { get; init; }
    /// <summary>The student.</summary>
    public long UserId { get; init; }
    /// <summary>The attempt number; <c>null</c> before the first submission.</summary>
    public int? Attempt { get; init; }
    /// <summary>When the current attempt was submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }
    /// <summary>When it was last graded.</summary>
    public DateTimeOffset? GradedAt { get; init; }
    /// <summary>The raw score, in points; may exceed the assignment's points (extra credit; LMS-NOTES §6).</summary>
    public double? Score { get; init; }
    /// <summary>The grade in the assignment's grading scheme: a number, a letter, <c>complete</c>, ... as a string.</summary>
    public string? Grade { get; init; }
    /// <summary><c>unsubmitted</c>, <c>submitted</c>, <c>pending_review</c> or <c>graded</c>.</summary>
    public string? WorkflowState { get; init; }
    /// <summary>Whether the student is excused from the assignment.</summary>
    public bool? Excused { get; init; }
    /// <summary>
    /// <c>posted_at</c> as sent: absent on Canvas versions before post policies, <c>null</c> while the grade is
    /// hidden from the student, a time once posted.
    /// </summary>
    [JsonPropertyName("posted_at")]
    public JsonElement PostedAtJson { get; init; }

    /// <summary>Whether the grade is visible to the student: posted, or sent by a Canvas that predates posting.</summary>
    [JsonIgnore]
    public bool IsPosted => PostedAtJson.ValueKind != JsonValueKind.Null;
}
