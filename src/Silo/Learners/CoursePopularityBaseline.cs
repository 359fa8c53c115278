using System.Globalization;
using Attune.Silo.Catalog;

namespace Attune.Silo.Learners;

/// <summary>
/// The honest baseline until recommender plugins exist: items of the learner's courses that they have not finished,
/// ranked by the share of their classmates who engaged with each, greedily packed into the minutes they have.
/// </summary>
public static class CoursePopularityBaseline
{
    public const string Name = "course-popularity";

    /// <summary>What an item costs when neither the catalog nor classmates' time on task says.</summary>
    public const double DefaultMinutes = 10;

    public static RecommendationList Recommend(
        LearnerState learner, IReadOnlyList<CourseSnapshot> courses, RecommendationRequest request, DateTimeOffset now)
    {
        var candidates = new List<(Recommendation Step, bool Started, DateTimeOffset? Due)>();
        foreach (var course in courses)
        {
            var inCourse = learner.Courses.ContainsKey(course.Course);
            var classmates = course.Learners - (inCourse ? 1 : 0);
            foreach (var item in course.Items)
            {
                learner.Items.TryGetValue(item.Id, out var progress);
                if (progress?.FinishedAt is not null)
                {
                    continue;
                }
                var peers = Math.Max(0, item.LearnersEngaged - (progress is null ? 0 : 1));
                var score = classmates > 0 ? (double)peers / classmates : 0;
                var minutes = item.EstimatedMinutes ?? item.MeanMinutesOfPeers ?? DefaultMinutes;
                var reason = Reason(course.Course, peers, classmates, progress, item, now);
                candidates.Add((new Recommendation(item.Id, course.Course, Math.Round(score, 4), Math.Round(minutes, 1), reason, item.Title),
                    progress is not null, item.DueAt));
            }
        }

        var ranked = candidates
            .OrderByDescending(c => c.Step.Score)
            .ThenByDescending(c => c.Started)
            .ThenBy(c => c.Due ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.Step.Item, StringComparer.Ordinal);

        var chosen = new List<Recommendation>();
        var planned = 0.0;
        foreach (var (step, _, _) in ranked)
        {
            if (chosen.Count == request.Limit)
            {
                break;
            }
            if (request.Minutes is { } budget && planned + step.Minutes > budget)
            {
                continue; // does not fit in what is left; a shorter item further down may
            }
            chosen.Add(step);
            planned += step.Minutes;
        }
        return new RecommendationList(chosen, Name, request.Minutes, Math.Round(planned, 1));
    }

    private static string Reason(string course, int peers, int classmates, ItemProgress? progress, CourseItem item, DateTimeOffset now)
    {
        var text = (classmates, peers) switch
        {
            (0, _) => $"Part of {course}; no classmates have activity there yet.",
            (_, 0) => $"Part of {course}; none of your {Classmates(classmates)} has worked on it yet.",
            (1, _) => $"Your one classmate in {course} has worked on this.",
            _ when peers == classmates => $"All {classmates} of your classmates in {course} have worked on this.",
            _ => $"{peers} of your {classmates} classmates in {course} have worked on this.",
        };
        if (progress is not null)
        {
            text += $" You started it on {FormatDate(progress.FirstSeen)} and have not finished it.";
        }
        if (item.DueAt is { } due)
        {
            text += due >= now ? $" Due {FormatDate(due.UtcDateTime)}." : $" Overdue since {FormatDate(due.UtcDateTime)}.";
        }
        if (item.EstimatedMinutes is null && item.MeanMinutesOfPeers is { } mean)
        {
            text += $" Classmates spent about {Math.Max(1, Math.Round(mean))} min on it.";
        }
        return text;
    }

    private static string Classmates(int n) => n == 1 ? "1 classmate" : $"{n} classmates";

    private static string FormatDate(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
