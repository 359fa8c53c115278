using System.Globalization;
using Attune.Learners;
using Attune.Plugins;

namespace Attune.Silo.Learners;

/// <summary>
/// The built-in recommender every plugin falls back to: items the learner has not finished, scored by the share of
/// their classmates who engaged with each, with the reason in words.
/// </summary>
public static class BaselineScorer
{
    public const string Name = "course-popularity";

    /// <param name="history">The learner's history.</param>
    /// <param name="candidates">What may be recommended.</param>
    /// <param name="now">The time reasons are written at (due dates).</param>
    /// <param name="courseTitle">The course's title as the LMS names it (<see cref="Catalog.CourseTitles"/>); reasons fall back to the course id without it.</param>
    public static IReadOnlyList<ScoredCandidate> Score(
        LearnerHistory history, IReadOnlyList<Candidate> candidates, DateTimeOffset now, Func<CourseId, string?>? courseTitle = null) =>
        candidates
            .Select(c => (Candidate: c, Progress: history.Items.GetValueOrDefault(c.Item)))
            .Where(c => c.Progress?.IsFinished != true)
            .Select(c => new ScoredCandidate(
                c.Candidate,
                c.Candidate.CourseLearners > 0 ? (double)c.Candidate.PeersEngaged / c.Candidate.CourseLearners : 0,
                Reason(c.Candidate, c.Progress, now, courseTitle?.Invoke(c.Candidate.Course) ?? c.Candidate.Course.Value)))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => history.Items.ContainsKey(s.Candidate.Item)) // finish what was started
            .ThenBy(s => s.Candidate.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s.Candidate.Item.Value, StringComparer.Ordinal)
            .ToList();

    private static string Reason(Candidate c, ItemHistory? progress, DateTimeOffset now, string course)
    {
        var (peers, classmates) = (c.PeersEngaged, c.CourseLearners);
        var text = (classmates, peers) switch
        {
            (0, _) => $"Part of {course}; no classmates have activity there yet.",
            (_, 0) => $"Part of {course}; none of your {(classmates == 1 ? "1 classmate" : $"{classmates} classmates")} has worked on it yet.",
            (1, _) => $"Your one classmate in {course} has worked on this.",
            _ when peers == classmates => $"All {classmates} of your classmates in {course} have worked on this.",
            (_, 1) => $"1 of your {classmates} classmates in {course} has worked on this.",
            _ => $"{peers} of your {classmates} classmates in {course} have worked on this.",
        };
        if (progress is not null)
        {
            text += $" You started it on {Date(progress.FirstSeen)} and have not finished it.";
        }
        if (c.DueAt is { } due)
        {
            text += due >= now ? $" Due {Date(due)}." : $" Overdue since {Date(due)}.";
        }
        return text;
    }

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
