namespace Attune.LmsAdapters.Moodle;

/// <summary>A failure that cost part of a pass but not the pass: one course, or one learner in it.</summary>
/// <param name="Course">The course, or <c>null</c> for a connection-wide problem (a missing function).</param>
/// <param name="Function">The web-service function that failed.</param>
/// <param name="ErrorCode">Moodle's <c>errorcode</c>; <c>transport</c> when there was no usable answer; <c>missingfunction</c> when the token lacks a required function.</param>
/// <param name="Message">What went wrong, free of the token.</param>
/// <param name="UserId">The Moodle user the failing call was about, if one.</param>
public sealed record MoodleSyncError(CourseId? Course, string Function, string ErrorCode, string Message, long? UserId = null);
