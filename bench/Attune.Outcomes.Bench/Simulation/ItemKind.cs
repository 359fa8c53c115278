namespace Attune.Outcomes.Bench.Simulation;

/// <summary>What an activity is, which says what events doing it sends and how much a repeat still teaches.</summary>
public enum ItemKind
{
    /// <summary>Instruction: viewed, then completed; teaches from zero; a repeat teaches half as much again.</summary>
    Lesson,

    /// <summary>Practice: answered questions with 0/1 scores, never finished; works best on a skill partly known.</summary>
    Drill,

    /// <summary>Assessment with some practice: answered questions, then graded.</summary>
    Quiz,

    /// <summary>An extra video: viewed, then completed; in most courses worth little.</summary>
    Video,
}
