namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Turns pulled submissions into <see cref="LearningEvent"/>s with ids from <see cref="CanvasEventIds"/>: one
/// <c>submitted</c> per attempt handed in, one <c>graded</c> per score.
/// </summary>
public static class CanvasSubmissionMapper
{
    /// <summary>
    /// A submission with a <c>submitted_at</c> in state submitted, pending_review or graded becomes <c>submitted</c>
    /// at that time. Unsubmitted ones (also those a teacher graded without a hand-in) yield nothing.
    /// </summary>
    public static LearningEvent? Submitted(long courseId, CanvasSubmission submission, string itemKey, CanvasIds ids, string source)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(ids);
        if (submission.SubmittedAt is not { } submittedAt || submission.WorkflowState is not ("submitted" or "pending_review" or "graded"))
        {
            return null;
        }
        return new LearningEvent(
            CanvasEventIds.Submission(ids.Normalize(submission.Id), submission.Attempt, submittedAt),
            new LearnerId(ids.Normalize(submission.UserId)),
            new ItemId(itemKey),
            EventKind.Submitted,
            submittedAt,
            course: new CourseId(ids.Normalize(courseId)),
            source: source);
    }

    /// <summary>
    /// A graded submission with a score becomes <c>graded</c> at <c>graded_at</c>, the score scaled by the
    /// assignment's points (<see cref="Scale"/>). Excused, partly graded (pending_review: a quiz awaiting manual
    /// marking) and, unless <paramref name="includeUnposted"/>, unposted grades yield nothing.
    /// </summary>
    public static LearningEvent? Graded(
        long courseId, CanvasSubmission submission, string itemKey, double? pointsPossible, bool includeUnposted, CanvasIds ids, string source)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(ids);
        if (submission.Score is not { } score || !double.IsFinite(score) || submission.GradedAt is not { } gradedAt
            || submission.WorkflowState != "graded" || submission.Excused == true || (!includeUnposted && !submission.IsPosted))
        {
            return null;
        }
        return new LearningEvent(
            CanvasEventIds.Grade(ids.Normalize(submission.Id), score),
            new LearnerId(ids.Normalize(submission.UserId)),
            new ItemId(itemKey),
            EventKind.Graded,
            gradedAt,
            course: new CourseId(ids.Normalize(courseId)),
            score: Scale(score, pointsPossible),
            source: source);
    }

    /// <summary>
    /// A raw score over the points possible, clamped to 0..1: Canvas allows scores above the points (extra credit;
    /// the official <c>grade_change</c> example has score 5 of 1, LMS-NOTES §6) and below zero (deductions).
    /// <c>null</c> when the points are unknown or zero (ungraded work has no scale).
    /// </summary>
    public static double? Scale(double score, double? pointsPossible) =>
        pointsPossible is { } points && points > 0 && double.IsFinite(score) ? Math.Clamp(score / points, 0, 1) : null;
}
