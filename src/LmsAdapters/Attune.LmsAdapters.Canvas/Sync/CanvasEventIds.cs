using System.Globalization;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// The deterministic event ids of Canvas facts. Pulled submissions and grades and their Live Event twins
/// (<c>submission_created</c>/<c>_updated</c>, <c>grade_change</c>, and the Caliper format of each) get the same id,
/// built from what both channels carry, so a fact seen by the poll and by the push, or pushed twice, is one
/// event in the journal when the host gives both channels of a connection the same source.
/// </summary>
/// <remarks>
/// The grade id is the submission and the raw score: <c>grade_change</c> carries neither an attempt nor a
/// <c>graded_at</c> the poll could match. A re-grade to a new score is a new event; a grade that returns to a
/// score it had before for the same submission is not recorded again (its first record stands).
/// </remarks>
public static class CanvasEventIds
{
    /// <summary><c>submission:{submission}:{attempt}</c>, or <c>submission:{submission}:t{unix seconds}</c> when no attempt is known.</summary>
    /// <param name="submission">The normalised submission id.</param>
    /// <param name="attempt">The attempt number.</param>
    /// <param name="submittedAt">When it was submitted (seconds: REST sends no milliseconds).</param>
    public static string Submission(string submission, int? attempt, DateTimeOffset submittedAt) =>
        attempt is { } a and > 0
            ? Format($"submission:{submission}:{a}")
            : Format($"submission:{submission}:t{submittedAt.ToUnixTimeSeconds()}");

    /// <summary><c>grade:{submission}:{score}</c> with the raw score in points, shortest round-trip form.</summary>
    public static string Grade(string submission, double score) =>
        Format($"grade:{submission}:{score.ToString("R", CultureInfo.InvariantCulture)}");

    /// <summary><c>course-completed:{course}:{learner}</c>: a course is completed once per learner.</summary>
    public static string CourseCompleted(string course, string learner) => Format($"course-completed:{course}:{learner}");

    private static string Format(FormattableString id) => id.ToString(CultureInfo.InvariantCulture);
}
