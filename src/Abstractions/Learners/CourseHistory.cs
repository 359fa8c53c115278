namespace Attune.Learners;

/// <summary>One learner's progress in one course.</summary>
public sealed class CourseHistory
{
    internal CourseHistory(CourseId course, DateTimeOffset firstActivity)
    {
        Course = course;
        FirstActivity = firstActivity;
        LastActivity = firstActivity;
    }

    /// <summary>The course.</summary>
    public CourseId Course { get; }

    /// <summary>Earliest event in the course.</summary>
    public DateTimeOffset FirstActivity { get; internal set; }

    /// <summary>Latest event in the course.</summary>
    public DateTimeOffset LastActivity { get; internal set; }

    /// <summary>Events in the course.</summary>
    public long Events { get; internal set; }

    /// <summary>Distinct items of the course the learner touched.</summary>
    public int ItemsTouched { get; internal set; }

    /// <summary>Distinct items of the course the learner finished.</summary>
    public int ItemsFinished { get; internal set; }

    /// <summary>Time on task in the course, in seconds.</summary>
    public double SecondsOnTask { get; internal set; }
}
