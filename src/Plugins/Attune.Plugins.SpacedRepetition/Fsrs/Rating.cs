namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>FSRS's four grades of a review, numbered as in FSRS (and ts-fsrs's <c>Rating</c>).</summary>
public enum Rating
{
    /// <summary>Forgot.</summary>
    Again = 1,

    /// <summary>Recalled with serious difficulty.</summary>
    Hard = 2,

    /// <summary>Recalled.</summary>
    Good = 3,

    /// <summary>Recalled effortlessly.</summary>
    Easy = 4,
}
