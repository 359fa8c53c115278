namespace Attune;

/// <summary>What a learner must do for the LMS to count an item as done (<see cref="CompletionRule"/>).</summary>
public enum CompletionKind
{
    /// <summary>Open or view it.</summary>
    View,

    /// <summary>Submit it (an assignment, a quiz attempt).</summary>
    Submit,

    /// <summary>Receive any grade for it.</summary>
    Grade,

    /// <summary>Receive at least <see cref="CompletionRule.PassScore"/>.</summary>
    Pass,

    /// <summary>Mark it done by hand (or a teacher does).</summary>
    Manual,
}
