namespace Attune.LmsAdapters.Moodle;

/// <summary>One quiz of <c>mod_quiz_get_quizzes_by_courses</c>.</summary>
public sealed record MoodleQuiz
{
    /// <summary>The quiz id (the module's instance id).</summary>
    public long Id { get; init; }
    /// <summary>The course id.</summary>
    public long Course { get; init; }
    /// <summary>The course module id.</summary>
    public long CourseModule { get; init; }
    /// <summary>The quiz's name.</summary>
    public string? Name { get; init; }
    /// <summary>When it closes, Unix seconds; 0 when it does not.</summary>
    public long TimeClose { get; init; }
    /// <summary>The time limit in seconds; 0 when none.</summary>
    public long TimeLimit { get; init; }
    /// <summary>The total of the questions' marks, which an attempt's <c>sumgrades</c> is out of.</summary>
    public double? SumGrades { get; init; }
    /// <summary>The grade the quiz is scaled to in the gradebook.</summary>
    public double? Grade { get; init; }
}

internal sealed record MoodleQuizzesReply
{
    public IReadOnlyList<MoodleQuiz> Quizzes { get; init; } = [];
}
