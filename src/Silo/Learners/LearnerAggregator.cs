using Attune.Silo.Journal;

namespace Attune.Silo.Learners;

/// <summary>
/// Folds one journal entry into a learner's aggregates. Order-insensitive where it matters: an event that arrives
/// late (older timestamp than what is already applied) moves first-seen times back and cannot overwrite a newer score.
/// </summary>
public static class LearnerAggregator
{
    public static void Apply(LearnerState s, JournalEntry e)
    {
        if (e.Sequence != s.LastSequence + 1)
        {
            throw new InvalidOperationException($"Sequence {e.Sequence} applied after {s.LastSequence}: events must be applied in order.");
        }
        s.LastSequence = e.Sequence;
        s.EventsApplied++;
        s.CountsByKind[e.Kind] = s.CountsByKind.GetValueOrDefault(e.Kind) + 1;

        var t = e.Timestamp;
        s.FirstActivity = Min(s.FirstActivity, t);
        s.LastActivity = Max(s.LastActivity, t);
        var seconds = e.DurationSeconds ?? 0;
        if (seconds > 0)
        {
            var day = DateOnly.FromDateTime(t).DayNumber;
            s.SecondsByDay[day] = s.SecondsByDay.GetValueOrDefault(day) + seconds;
        }

        if (!s.Items.TryGetValue(e.Item, out var item))
        {
            item = new ItemProgress { FirstSeen = t, LastSeen = t };
            s.Items[e.Item] = item;
        }
        var joinsCourse = item.Course is null && e.Course is not null;
        if (joinsCourse)
        {
            item.Course = e.Course;
        }
        item.FirstSeen = t < item.FirstSeen ? t : item.FirstSeen;
        item.LastSeen = t > item.LastSeen ? t : item.LastSeen;
        item.Events++;
        item.SecondsOnTask += seconds;
        if (e.Kind is "answered" or "submitted")
        {
            item.Attempts++;
        }
        if (e.Score is { } score)
        {
            item.BestScore = item.BestScore is { } best ? Math.Max(best, score) : score;
            if (item.LastScoreAt is null || t >= item.LastScoreAt)
            {
                item.LastScore = score;
                item.LastScoreAt = t;
            }
        }
        var finishes = e.Kind is "completed" or "submitted" or "graded";
        var newlyFinished = finishes && item.FinishedAt is null;
        if (finishes)
        {
            item.FinishedAt = Min(item.FinishedAt, t);
        }

        if (e.Course is { } courseId)
        {
            if (!s.Courses.TryGetValue(courseId, out var course))
            {
                course = new CourseProgress { FirstActivity = t, LastActivity = t };
                s.Courses[courseId] = course;
            }
            course.FirstActivity = t < course.FirstActivity ? t : course.FirstActivity;
            course.LastActivity = t > course.LastActivity ? t : course.LastActivity;
            course.Events++;
            course.SecondsOnTask += seconds;
        }
        if (item.Course is { } itemCourse && s.Courses.TryGetValue(itemCourse, out var progress))
        {
            if (joinsCourse)
            {
                progress.ItemsTouched++;
                if (item.FinishedAt is not null && !newlyFinished)
                {
                    progress.ItemsFinished++; // finished before we knew its course
                }
            }
            if (newlyFinished)
            {
                progress.ItemsFinished++;
            }
        }
    }

    public static LearnerModel ToModel(string learner, LearnerState s) => new(
        learner,
        s.EventsApplied,
        s.LastSequence,
        s.FirstActivity,
        s.LastActivity,
        new SortedDictionary<string, long>(s.CountsByKind, StringComparer.Ordinal),
        s.Courses.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CourseProgressView(c.Key, c.Value.Events, c.Value.ItemsTouched, c.Value.ItemsFinished,
                Math.Round(c.Value.SecondsOnTask / 60, 2), c.Value.FirstActivity, c.Value.LastActivity))
            .ToList(),
        s.Items.OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new ItemProgressView(i.Key, i.Value.Course, i.Value.FirstSeen, i.Value.LastSeen, i.Value.Events,
                i.Value.Attempts, i.Value.BestScore, i.Value.LastScore, Math.Round(i.Value.SecondsOnTask / 60, 2), i.Value.FinishedAt))
            .ToList(),
        s.SecondsByDay.OrderBy(d => d.Key)
            .Select(d => new DailyMinutes(DateOnly.FromDayNumber(d.Key), Math.Round(d.Value / 60, 2)))
            .ToList());

    private static DateTime Min(DateTime? a, DateTime b) => a is { } x && x < b ? x : b;

    private static DateTime Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;
}
