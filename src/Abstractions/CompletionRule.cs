namespace Attune;

/// <summary>
/// When the LMS counts an item as done, as its own completion settings say: Moodle's activity completion (view,
/// submit, receive a grade, pass grade) and Canvas module requirements (must view, must submit, must score at least).
/// </summary>
/// <param name="Kind">What the learner must do.</param>
/// <param name="PassScore">With <see cref="CompletionKind.Pass"/>, the least score (0..1) that counts; otherwise <c>null</c>.</param>
public sealed record CompletionRule(CompletionKind Kind, double? PassScore = null);
