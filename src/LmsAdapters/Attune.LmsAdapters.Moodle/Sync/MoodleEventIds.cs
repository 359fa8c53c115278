using System.Globalization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// The deterministic event ids of pulled Moodle data. Each is built from Moodle's own ids plus the Moodle time
/// of the fact, so polling the same data again gives the same id (a no-op in the journal) while a new fact
/// about the same thing (a re-grade, a resubmission, completion undone and redone) gives a new one.
/// </summary>
public static class MoodleEventIds
{
    /// <summary><c>completion:{cmid}:{userid}:{timecompleted}</c>.</summary>
    public static string Completion(long cmId, long userId, long timeCompleted) => Format($"completion:{cmId}:{userId}:{timeCompleted}");

    /// <summary><c>grade:{gradeitemid}:{userid}:{dategraded}</c>.</summary>
    public static string Grade(long gradeItemId, long userId, long dateGraded) => Format($"grade:{gradeItemId}:{userId}:{dateGraded}");

    /// <summary><c>quiz-attempt:{attemptid}:started</c>.</summary>
    public static string QuizAttemptStarted(long attemptId) => Format($"quiz-attempt:{attemptId}:started");

    /// <summary><c>quiz-attempt:{attemptid}:finished</c>.</summary>
    public static string QuizAttemptFinished(long attemptId) => Format($"quiz-attempt:{attemptId}:finished");

    /// <summary><c>assign-submission:{submissionid}:{timemodified}</c>.</summary>
    public static string Submission(long submissionId, long timeModified) => Format($"assign-submission:{submissionId}:{timeModified}");

    private static string Format(FormattableString id) => id.ToString(CultureInfo.InvariantCulture);
}
