namespace Attune.LmsAdapters.Moodle;

/// <summary>A course a pass synced without error, with what the status page shows of it.</summary>
/// <param name="Id">The course id (Moodle's, as text).</param>
/// <param name="ShortName">The short name.</param>
/// <param name="FullName">The full name.</param>
/// <param name="StartsAt">The start date, when set.</param>
/// <param name="EndsAt">The end date, when set.</param>
/// <param name="PolledLearners">Whether the per-learner calls ran (false when the course was quiet, see <see cref="MoodleSyncOptions.FullRefreshInterval"/>).</param>
public sealed record MoodleSyncedCourse(
    CourseId Id,
    string ShortName,
    string FullName,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    bool PolledLearners);
