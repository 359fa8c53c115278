namespace Attune.LmsAdapters;

/// <summary>How an LMS client retries: bounded attempts with exponential back-off and jitter, honouring <c>Retry-After</c>.</summary>
public sealed record LmsRetryPolicy
{
    /// <summary>Tries of one call in all (1 = no retry) for network errors, time-outs, 408 and 5xx.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first wait; it doubles per retry.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, a <c>Retry-After</c> included.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries of one call in all while the LMS throttles (429, or what <see cref="LmsHttpPipeline"/> is told is throttling).</summary>
    public int MaxThrottledAttempts { get; init; } = 6;

    /// <summary>The first wait after throttling; it doubles per retry.</summary>
    public TimeSpan InitialThrottleDelay { get; init; } = TimeSpan.FromSeconds(2);
}
