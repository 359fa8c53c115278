using System.Globalization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Turns a course's contents into catalog entries: one per visible activity, keyed by course module id, with its place
/// in the course (section name, and position in section then activity order), the activities its restrict-access
/// conditions require first (<see cref="MoodleAvailability"/>), its completion rule and its URL; and one entry for the
/// course page itself (<c>course:{id}</c>), which views name but no plan may send a learner to.
/// </summary>
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
    /// <param name="gradeItemModules">Grade item id → course-module id, for restrict-access conditions on grades.</param>
    /// <param name="courseTitle">The course's full name, for its course-page entry.</param>
    public static IReadOnlyList<CatalogEntry> Map(
        long courseId,
        IEnumerable<MoodleCourseSection> sections,
        IReadOnlyDictionary<long, MoodleQuiz>? quizzes,
        MoodleMinutesEstimate estimate,
        IReadOnlyDictionary<long, long>? gradeItemModules = null,
        string? courseTitle = null)
    {
        var course = new CourseId(courseId.ToString(CultureInfo.InvariantCulture));
        var entries = new List<CatalogEntry>
        {
            new(course, new ItemId("course:" + course.Value), Title: courseTitle, Kind: "course") { Recommendable = false, Position = 0 },
        };
        var position = 0;
        var listed = sections.SelectMany(s => s.Modules).Where(m => m.Visible).Select(m => m.Id).ToHashSet();
        foreach (var section in sections.OrderBy(s => s.Section))
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
                    DueAt: DueAt(module, quiz))
                {
                    Section = string.IsNullOrWhiteSpace(section.Name) ? null : section.Name,
                    Position = ++position,
                    // A condition on a hidden or deleted activity cannot be met through the catalog; it is left out.
                    Prerequisites = [.. MoodleAvailability.Prerequisites(module.Availability, gradeItemModules ?? new Dictionary<long, long>())
                        .Where(cm => cm != module.Id && listed.Contains(cm))
                        .Select(cm => new ItemId(cm.ToString(CultureInfo.InvariantCulture)))],
                    Completion = Completion(module),
                    Url = Uri.TryCreate(module.Url, UriKind.Absolute, out var url) ? url : null,
                });
            }
        }
        return entries;
    }

    /// <summary>
    /// The module's completion rule: none when completion is off (0); manual (1); automatic (2) by the strictest of its
    /// rules, pass grade over any grade over submit over view (a module with several rules is done when all hold).
    /// </summary>
    private static CompletionRule? Completion(MoodleCourseModule module)
    {
        if (module.Completion == 1)
        {
            return new CompletionRule(CompletionKind.Manual);
        }
        if (module.Completion != 2)
        {
            return null;
        }
        var rules = module.CompletionData?.Details.Select(d => d.RuleName).ToHashSet(StringComparer.Ordinal) ?? [];
        return rules.Contains("completionpassgrade") ? new CompletionRule(CompletionKind.Pass)
            : rules.Contains("completionusegrade") ? new CompletionRule(CompletionKind.Grade)
            : rules.Contains("completionsubmit") || rules.Contains("completionattemptsexhausted") ? new CompletionRule(CompletionKind.Submit)
            : rules.Contains("completionview") ? new CompletionRule(CompletionKind.View)
            : null;
    }

    private static DateTimeOffset? DueAt(MoodleCourseModule module, MoodleQuiz? quiz)
    {
        var date = module.Dates.FirstOrDefault(d => d.DataId is not null && DueDataIds.Contains(d.DataId) && d.Timestamp > 0)
            ?? module.Dates.FirstOrDefault(d => d.DataId is null && d.Label is not null && DueLabels.Contains(d.Label.Trim()) && d.Timestamp > 0);
        var seconds = date?.Timestamp ?? (quiz is { TimeClose: > 0 } ? quiz.TimeClose : 0);
        return seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }
}
