namespace Attune.LmsAdapters.Moodle;

/// <summary>How a <see cref="MoodleClient"/> retries. Only network failures, time-outs and HTTP 408, 429 and 5xx
/// are retried; a Moodle error envelope is an answer, not a failure, and is never retried.</summary>
public sealed record MoodleClientOptions
{
    /// <summary>How many times one call is tried in all (at least 1).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry; it doubles for each further one.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries, also capping a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
