namespace Attune.LmsAdapters.Canvas;

/// <summary>An enrolled user with a learner enrollment type, as the silo registers learners.</summary>
/// <param name="Id">The learner id: the Canvas user id, normalised by <see cref="CanvasIds"/> as Live Events name it too.</param>
/// <param name="Name">The display name.</param>
/// <param name="SortableName">"Last, First".</param>
/// <param name="SisUserId">The institution's id (student number), when the token may see it.</param>
/// <param name="LoginId">The login, when visible.</param>
/// <param name="Email">The e-mail address, when visible.</param>
/// <param name="Courses">The synced courses the user learns in.</param>
public sealed record CanvasLearner(
    LearnerId Id,
    string? Name,
    string? SortableName,
    string? SisUserId,
    string? LoginId,
    string? Email,
    IReadOnlyList<CourseId> Courses);
