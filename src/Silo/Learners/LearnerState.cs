namespace Attune.Silo.Learners;

/// <summary>
/// What a learner grain keeps between activations: aggregates, never raw events, so it is bounded by the
/// number of distinct items and days rather than by the number of events (the journal holds those).
/// </summary>
[GenerateSerializer, Alias("attune.learner-state")]
public sealed class LearnerState
{
    /// <summary>The journal sequence of the last event applied; every event up to it is applied exactly once.</summary>
    [Id(0)] public long LastSequence { get; set; }
    [Id(1)] public long EventsApplied { get; set; }
    [Id(2)] public Dictionary<string, long> CountsByKind { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, ItemProgress> Items { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public Dictionary<string, CourseProgress> Courses { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Seconds on task per UTC day, keyed by <see cref="DateOnly.DayNumber"/>.</summary>
    [Id(5)] public Dictionary<int, double> SecondsByDay { get; set; } = new();
    [Id(6)] public DateTime? FirstActivity { get; set; }
    [Id(7)] public DateTime? LastActivity { get; set; }
}

/// <summary>One learner's history with one item.</summary>
[GenerateSerializer, Alias("attune.item-progress")]
public sealed class ItemProgress
{
    [Id(0)] public string? Course { get; set; }
    [Id(1)] public DateTime FirstSeen { get; set; }
    [Id(2)] public DateTime LastSeen { get; set; }
    [Id(3)] public int Events { get; set; }
    /// <summary>Answered and submitted events: each is one try at the item.</summary>
    [Id(4)] public int Attempts { get; set; }
    [Id(5)] public double? BestScore { get; set; }
    /// <summary>The score of the latest scored event by timestamp, so a late-arriving older event cannot overwrite it.</summary>
    [Id(6)] public double? LastScore { get; set; }
    [Id(7)] public DateTime? LastScoreAt { get; set; }
    [Id(8)] public double SecondsOnTask { get; set; }
    /// <summary>When the item was first finished: completed, submitted or graded.</summary>
    [Id(9)] public DateTime? FinishedAt { get; set; }
}

/// <summary>One learner's progress in one course.</summary>
[GenerateSerializer, Alias("attune.course-progress")]
public sealed class CourseProgress
{
    [Id(0)] public DateTime FirstActivity { get; set; }
    [Id(1)] public DateTime LastActivity { get; set; }
    [Id(2)] public long Events { get; set; }
    [Id(3)] public int ItemsTouched { get; set; }
    [Id(4)] public int ItemsFinished { get; set; }
    [Id(5)] public double SecondsOnTask { get; set; }
}
