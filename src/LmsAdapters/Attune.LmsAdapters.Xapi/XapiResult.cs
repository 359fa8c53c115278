namespace Attune.LmsAdapters.Xapi;

/// <summary>An xAPI <c>result</c>, reduced to what a learner model uses.</summary>
public sealed record XapiResult
{
    /// <summary>The score, when sent.</summary>
    public XapiScore? Score { get; init; }

    /// <summary>Whether the attempt was successful, when sent.</summary>
    public bool? Success { get; init; }

    /// <summary>Whether the activity was completed, when sent.</summary>
    public bool? Completion { get; init; }

    /// <summary>The learner's response, when sent.</summary>
    public string? Response { get; init; }

    /// <summary>The ISO 8601 duration as sent (for a stable statement id) and in seconds.</summary>
    public string? Duration { get; init; }

    /// <summary><see cref="Duration"/> in seconds.</summary>
    public double? DurationSeconds { get; init; }
}
