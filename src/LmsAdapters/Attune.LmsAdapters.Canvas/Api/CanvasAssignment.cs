namespace Attune.LmsAdapters.Canvas;

/// <summary>An assignment as <c>GET /api/v1/courses/:course_id/assignments</c> answers it. Classic quizzes and graded
/// discussions are assignments too, which is how their submissions and grades are found.</summary>
public sealed record CanvasAssignment
{
    /// <summary>The assignment id.</summary>
    public long Id { get; init; }
    /// <summary>Its name.</summary>
    public string? Name { get; init; }
    /// <summary>The due date, when set.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>The points a full score is worth; <c>null</c> or 0 for ungraded work.</summary>
    public double? PointsPossible { get; init; }
    /// <summary>Whether it is published; <c>null</c> when not shown.</summary>
    public bool? Published { get; init; }
    /// <summary>The classic quiz behind it, for quiz assignments.</summary>
    public long? QuizId { get; init; }
    /// <summary>The graded discussion behind it, when its submission type is a discussion.</summary>
    public CanvasDiscussionTopicRef? DiscussionTopic { get; init; }
    /// <summary><c>points</c>, <c>percent</c>, <c>pass_fail</c>, <c>letter_grade</c>, <c>gpa_scale</c> or <c>not_graded</c>.</summary>
    public string? GradingType { get; init; }
}

/// <summary>The discussion topic of a graded discussion.</summary>
public sealed record CanvasDiscussionTopicRef
{
    /// <summary>The topic id.</summary>
    public long Id { get; init; }
}
