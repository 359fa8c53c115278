namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// The fact keys of Moodle facts (<see cref="LmsFactKey"/>): who, which course module, attempt or question, what
/// happened and, where Moodle can record the same thing again later, the Moodle time of it (Unix seconds). Only what
/// both doors carry goes in, so a logstore_xapi statement (<see cref="MoodleStatementProfile"/>) and the web-service
/// record of the same fact (<see cref="MoodleEventMapper"/>) get the same key: course-module ids, not instance or
/// grade-item ids, since the statement names the module by its <c>view.php?id=</c> IRI; attempt ids where the
/// statement names the attempt (<c>attempt.php?attempt=</c>). A new fact about the same thing (a re-grade, a
/// resubmission, completion undone and redone) has another time, so another key.
/// </summary>
/// <remarks>
/// Verified against the real Moodle 4.5.6 captures (fixtures/lms/moodle-4.5-logstore-real): each completion's
/// statement timestamp equals <c>timecompleted</c>, each submission's equals <c>timemodified</c>, each grade's equals
/// <c>gradedategraded</c>. A quiz attempt's <c>attempt_submitted</c> statement can be a second later than
/// <c>timefinish</c> (dave's attempt 4), so attempts are keyed by attempt id, not time.
/// </remarks>
public static class MoodleEventIds
{
    /// <summary><c>completion:{cmid}:{learner}:{timecompleted}</c>.</summary>
    public static string Completion(long cmId, string learner, long timeCompleted) => LmsFactKey.Of("completion", cmId, learner, timeCompleted);

    /// <summary><c>grade:{cmid}:{learner}:{dategraded}</c>.</summary>
    public static string Grade(long cmId, string learner, long dateGraded) => LmsFactKey.Of("grade", cmId, learner, dateGraded);

    /// <summary><c>quiz-attempt:{attemptid}:{learner}:started</c>: an attempt starts once. The learner is in the key although
    /// the attempt id alone is unique, so a key of a learner first known by another name can be re-keyed (<see cref="LmsFactKey.Rekey"/>).</summary>
    public static string QuizAttemptStarted(long attemptId, string learner) => LmsFactKey.Of("quiz-attempt", attemptId, learner, "started");

    /// <summary><c>quiz-attempt:{attemptid}:{learner}:finished</c>: an attempt is submitted once.</summary>
    public static string QuizAttemptFinished(long attemptId, string learner) => LmsFactKey.Of("quiz-attempt", attemptId, learner, "finished");

    /// <summary><c>assign-submission:{cmid}:{learner}:{timemodified}</c>.</summary>
    public static string Submission(long cmId, string learner, long timeModified) => LmsFactKey.Of("assign-submission", cmId, learner, timeModified);

    /// <summary><c>{kind}:{item}:{learner}:{time}</c> for facts only the push sees (views, answers, course completion).</summary>
    public static string Other(EventKind kind, string item, string learner, long time) => LmsFactKey.Of(kind.Name, item, learner, time);
}
