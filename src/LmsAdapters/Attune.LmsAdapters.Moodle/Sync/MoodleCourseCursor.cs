namespace Attune.LmsAdapters.Moodle;

/// <summary>Where one course's incremental sync stands. All values are Unix seconds as Moodle takes them; 0 means never.</summary>
/// <param name="UpdatesSince">The <c>since</c> for the next <c>core_course_get_updates_since</c>.</param>
/// <param name="SubmissionsSince">The <c>since</c> for the next <c>mod_assign_get_submissions</c>.</param>
/// <param name="FullPassAt">When the per-learner calls last ran for this course.</param>
public sealed record MoodleCourseCursor(long UpdatesSince = 0, long SubmissionsSince = 0, long FullPassAt = 0);
