namespace Attune.LmsAdapters.Moodle;

/// <summary>A warning of a pass: one of Moodle's <c>warnings[]</c>, or a part skipped because the token lacks a function.</summary>
/// <param name="Course">The course the call was about, if one.</param>
/// <param name="Function">The function whose reply carried it, or which is missing.</param>
/// <param name="Warning">The warning as Moodle sent it (or as Attune words a skipped part, code <c>functionunavailable</c>).</param>
public sealed record MoodleSyncWarning(CourseId? Course, string Function, MoodleWarning Warning);
