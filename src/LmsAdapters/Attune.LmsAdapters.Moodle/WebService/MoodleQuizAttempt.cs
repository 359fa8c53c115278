namespace Attune.LmsAdapters.Moodle;

/// <summary>One attempt of <c>mod_quiz_get_user_attempts</c> (or <c>mod_quiz_get_user_quiz_attempts</c>).</summary>
public sealed record MoodleQuizAttempt
{
    /// <summary>The attempt id.</summary>
    public long Id { get; init; }
    /// <summary>The quiz id.</summary>
    public long Quiz { get; init; }
    /// <summary>The user id.</summary>
    public long UserId { get; init; }
    /// <summary>The attempt's number for this user (1, 2, ...).</summary>
    public int Attempt { get; init; }
    /// <summary><c>inprogress</c>, <c>overdue</c>, <c>finished</c> or <c>abandoned</c>.</summary>
    public string? State { get; init; }
    /// <summary>When it started, Unix seconds.</summary>
    public long TimeStart { get; init; }
    /// <summary>When it was submitted, Unix seconds; 0 while unfinished.</summary>
    public long TimeFinish { get; init; }
    /// <summary>The raw marks, out of the quiz's <see cref="MoodleQuiz.SumGrades"/>; <c>null</c> until graded.</summary>
    public double? SumGrades { get; init; }
    /// <summary>Whether it is a teacher's preview.</summary>
    public bool Preview { get; init; }
}

internal sealed record MoodleQuizAttemptsReply
{
    public IReadOnlyList<MoodleQuizAttempt> Attempts { get; init; } = [];
}
