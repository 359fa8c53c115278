namespace Attune.LmsAdapters.Moodle;

/// <summary>An enrolled user with a learner role, as the silo registers learners.</summary>
/// <param name="Id">The learner id: the Moodle user id, as xAPI statements from the same site name it too.</param>
/// <param name="UserName">The Moodle login name.</param>
/// <param name="FullName">The display name.</param>
/// <param name="Email">The e-mail address, when the token may see it.</param>
/// <param name="IdNumber">The institution's id (student number), when set.</param>
/// <param name="Courses">The synced courses the user learns in.</param>
public sealed record MoodleLearner(
    LearnerId Id,
    string? UserName,
    string? FullName,
    string? Email,
    string? IdNumber,
    IReadOnlyList<CourseId> Courses);
