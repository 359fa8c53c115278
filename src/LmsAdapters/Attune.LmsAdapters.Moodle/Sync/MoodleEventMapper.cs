using System.Globalization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Turns pulled Moodle records into <see cref="LearningEvent"/>s with the fact keys of <see cref="MoodleEventIds"/> as ids.
/// Moodle times are Unix seconds; 0 means "never" and yields no event.
/// </summary>
public static class MoodleEventMapper
{
    /// <summary>
    /// A completion status in state 1 (complete), 2 (complete, passed) or 3 (complete, failed) becomes
    /// <c>completed</c> at <c>timecompleted</c>; "failed" still met the completion rule, and the grade
    /// event carries how well. Untracked, incomplete or undated statuses yield nothing.
    /// </summary>
    public static LearningEvent? Completion(long courseId, long userId, MoodleActivityCompletion status, string source)
    {
        if (status.State is < 1 or > 3 || status.TimeCompleted <= 0 || status.Tracking == 0
            || status.HasCompletion == false || status.IsTrackedUser == false)
        {
            return null;
        }
        return new LearningEvent(
            MoodleEventIds.Completion(status.CmId, Learner(userId).Value, status.TimeCompleted),
            Learner(userId),
            Item(status.CmId),
            EventKind.Completed,
            DateTimeOffset.FromUnixTimeSeconds(status.TimeCompleted),
            course: Course(courseId),
            source: source);
    }

    /// <summary>
    /// An activity's grade becomes <c>graded</c> at <c>gradedategraded</c> with score
    /// (graderaw − grademin) / (grademax − grademin), clamped to 0..1 (Moodle allows grades over the maximum
    /// when the site permits). Course totals, category and manual items (no course module) and ungraded items
    /// yield nothing.
    /// </summary>
    public static LearningEvent? Grade(long courseId, long userId, MoodleGradeItem item, string source)
    {
        if (item.ItemType != "mod" || item.CmId is not { } cmId || item.GradeRaw is not { } raw
            || item.GradeDateGraded is not { } graded || graded <= 0 || !(item.GradeMax > item.GradeMin))
        {
            return null;
        }
        var score = Math.Clamp((raw - item.GradeMin) / (item.GradeMax - item.GradeMin), 0, 1);
        return new LearningEvent(
            MoodleEventIds.Grade(cmId, Learner(userId).Value, graded),
            Learner(userId),
            Item(cmId),
            EventKind.Graded,
            DateTimeOffset.FromUnixTimeSeconds(graded),
            course: Course(courseId),
            score: score,
            source: source);
    }

    /// <summary>
    /// A quiz attempt becomes <c>started</c> at <c>timestart</c> and, once finished, <c>submitted</c> at
    /// <c>timefinish</c> with the attempt's marks over the quiz's total (<c>sumgrades</c> is raw marks,
    /// LMS-NOTES §1b) and the time between as duration (left out beyond a day: an attempt left open overnight
    /// is no time on task). Previews yield nothing.
    /// </summary>
    public static IEnumerable<LearningEvent> QuizAttempt(long courseId, long cmId, MoodleQuiz quiz, MoodleQuizAttempt attempt, string source)
    {
        if (attempt.Preview || attempt.TimeStart <= 0)
        {
            yield break;
        }
        yield return new LearningEvent(
            MoodleEventIds.QuizAttemptStarted(attempt.Id, Learner(attempt.UserId).Value),
            Learner(attempt.UserId),
            Item(cmId),
            EventKind.Started,
            DateTimeOffset.FromUnixTimeSeconds(attempt.TimeStart),
            course: Course(courseId),
            source: source);
        if (attempt.State != "finished" || attempt.TimeFinish <= 0)
        {
            yield break;
        }
        double? score = attempt.SumGrades is { } marks && quiz.SumGrades is { } total && total > 0
            ? Math.Clamp(marks / total, 0, 1)
            : null;
        var seconds = attempt.TimeFinish - attempt.TimeStart;
        yield return new LearningEvent(
            MoodleEventIds.QuizAttemptFinished(attempt.Id, Learner(attempt.UserId).Value),
            Learner(attempt.UserId),
            Item(cmId),
            EventKind.Submitted,
            DateTimeOffset.FromUnixTimeSeconds(attempt.TimeFinish),
            course: Course(courseId),
            score: score,
            durationSeconds: seconds is >= 0 and <= (long)LearningEvent.MaxDurationSeconds ? seconds : null,
            source: source);
    }

    /// <summary>An assignment submission in status <c>submitted</c> becomes <c>submitted</c> at <c>timemodified</c>;
    /// drafts and new or reopened attempts yield nothing.</summary>
    public static LearningEvent? Submission(long courseId, long cmId, MoodleSubmission submission, string source)
    {
        if (submission.Status != "submitted" || submission.TimeModified <= 0)
        {
            return null;
        }
        return new LearningEvent(
            MoodleEventIds.Submission(cmId, Learner(submission.UserId).Value, submission.TimeModified),
            Learner(submission.UserId),
            Item(cmId),
            EventKind.Submitted,
            DateTimeOffset.FromUnixTimeSeconds(submission.TimeModified),
            course: Course(courseId),
            source: source);
    }

    internal static LearnerId Learner(long userId) => new(userId.ToString(CultureInfo.InvariantCulture));

    internal static ItemId Item(long cmId) => new(cmId.ToString(CultureInfo.InvariantCulture));

    internal static CourseId Course(long courseId) => new(courseId.ToString(CultureInfo.InvariantCulture));
}
