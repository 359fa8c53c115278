namespace Attune.LmsAdapters.Canvas;

/// <summary>How a <see cref="CanvasClient"/> pages, throttles and retries.</summary>
public sealed record CanvasClientOptions
{
    /// <summary>
    /// The <c>per_page</c> of every list request. Canvas pages 10 items by default and caps <c>per_page</c> at
    /// a limit its API docs leave unspecified (doc/api/pagination.md); the code's cap is 100 (lib/api.rb
    /// <c>MAX_PER_PAGE</c>). Asking for more is harmless, the <c>Link</c> header is followed either way.
    /// </summary>
    public int PerPage { get; init; } = 100;

    /// <summary>
    /// How many requests one token may have in flight at once, across every client of that token in the process.
    /// Canvas charges parallel requests a pre-flight penalty and throttles per token (doc/api/throttling.md), so
    /// LMS-NOTES §2a keeps it at two. The first client of a token fixes the gate's width.
    /// </summary>
    public int MaxConcurrentRequestsPerToken { get; init; } = 2;

    /// <summary>How many times one request is tried in all when the network fails or Canvas answers 408 or 5xx (at least 1).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry of a failure; it doubles for each further one.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times one request is tried in all while Canvas keeps throttling it (429, or 403 "Rate Limit Exceeded").</summary>
    public int MaxThrottledAttempts { get; init; } = 6;

    /// <summary>The wait after the first throttled answer when Canvas sends no <c>Retry-After</c>; it doubles for each further one.</summary>
    public TimeSpan InitialThrottleDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two tries, also capping a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Below this <c>X-Rate-Limit-Remaining</c>, every request of the token first waits
    /// <see cref="LowQuotaPause"/>, letting Canvas's leaky bucket refill before it throttles (ubc/node-canvas-api#19
    /// asked for exactly this: throttle on the header, not statically). The bucket's size is not in LMS-NOTES
    /// (third-party clients speak of 700 units), so the default is an assumption to tune from observed headers.
    /// </summary>
    public double LowQuotaThreshold { get; init; } = 200;

    /// <summary>The pause before each request while the quota is below <see cref="LowQuotaThreshold"/>.</summary>
    public TimeSpan LowQuotaPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most pages one list may have; a list longer than this is an error, not an endless loop.</summary>
    public int MaxPages { get; init; } = 10_000;
}
