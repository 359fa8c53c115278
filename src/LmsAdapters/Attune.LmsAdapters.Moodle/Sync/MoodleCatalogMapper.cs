using System.Globalization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>Turns a course's contents into catalog entries: one per visible activity, keyed by course module id.</summary>
public static class MoodleCatalogMapper
{
    // Not learnable items: a label is text on the course page, a subsection (Moodle 5.0) is a container,
    // a qbank (Moodle 5.0) is a question bank students never open.
    private static readonly HashSet<string> NotItems = new(StringComparer.Ordinal) { "label", "subsection", "qbank" };

    // Which date is the deadline. `dataid` names the field on sites that send it; the label is localised,
    // so the English labels are only a fallback for sites without `dataid`.
    private static readonly string[] DueDataIds = ["duedate", "timeclose", "timedue", "deadline"];
    private static readonly string[] DueLabels = ["Due:", "Closes:", "Closed:"];

    /// <summary>Maps a course's sections.</summary>
    /// <param name="courseId">The course.</param>
    /// <param name="sections">Its contents.</param>
    /// <param name="quizzes">Its quizzes by quiz id, when known: their close time and time limit refine the entry.</param>
    /// <param name="estimate">Minutes per module type.</param>
    public static IReadOnlyList<CatalogEntry> Map(
        long courseId,
        IEnumerable<MoodleCourseSection> sections,
        IReadOnlyDictionary<long, MoodleQuiz>? quizzes,
        MoodleMinutesEstimate estimate)
    {
        var course = new CourseId(courseId.ToString(CultureInfo.InvariantCulture));
        var entries = new List<CatalogEntry>();
        foreach (var section in sections)
        {
            foreach (var module in section.Modules)
            {
                // Hidden modules (or ones in hidden sections) are not available to learners: nothing to recommend.
                if (!module.Visible || !section.Visible || NotItems.Contains(module.ModName))
                {
                    continue;
                }
                MoodleQuiz? quiz = null;
                if (module.ModName == "quiz")
                {
                    quizzes?.TryGetValue(module.Instance, out quiz);
                }
                entries.Add(new CatalogEntry(
                    course,
                    new ItemId(module.Id.ToString(CultureInfo.InvariantCulture)),
                    Title: string.IsNullOrWhiteSpace(module.Name) ? null : module.Name,
                    Kind: module.ModName,
                    EstimatedMinutes: estimate.For(module.ModName, quiz?.TimeLimit ?? 0),
                    DueAt: DueAt(module, quiz)));
            }
        }
        return entries;
    }

    private static DateTimeOffset? DueAt(MoodleCourseModule module, MoodleQuiz? quiz)
    {
        var date = module.Dates.FirstOrDefault(d => d.DataId is not null && DueDataIds.Contains(d.DataId) && d.Timestamp > 0)
            ?? module.Dates.FirstOrDefault(d => d.DataId is null && d.Label is not null && DueLabels.Contains(d.Label.Trim()) && d.Timestamp > 0);
        var seconds = date?.Timestamp ?? (quiz is { TimeClose: > 0 } ? quiz.TimeClose : 0);
        return seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }
}
