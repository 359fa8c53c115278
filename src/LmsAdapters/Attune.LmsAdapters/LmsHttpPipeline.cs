using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Attune.LmsAdapters;

/// <summary>
/// The one resilience pipeline every LMS call runs through (Polly v8 with the HTTP retry strategy of
/// <c>Microsoft.Extensions.Http.Resilience</c>): an outer retry for throttling (429, or an answer the adapter calls
/// throttling, such as Canvas's old <c>403 Rate Limit Exceeded</c>) with its own budget, and an inner retry for
/// network errors, time-outs of one try, 408 and 5xx. Both back off exponentially with jitter, honour
/// <c>Retry-After</c>, cap the wait at <see cref="LmsRetryPolicy.MaxDelay"/> and wait on the given clock. Every call an
/// adapter makes reads, so retrying is always safe. Log lines name the LMS, the operation and the HTTP status,
/// never a URL query, a form body or a header, so no token can reach a log.
/// </summary>
public sealed class LmsHttpPipeline
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("attune.lms.operation");
    private static readonly ResiliencePropertyKey<int> AttemptsKey = new("attune.lms.attempts");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Builds the pipeline.</summary>
    /// <param name="lms">The LMS, for log lines (<c>Moodle at host</c>).</param>
    /// <param name="policy">Attempts and waits.</param>
    /// <param name="timeProvider">The clock waits run on.</param>
    /// <param name="logger">Where retries are logged.</param>
    /// <param name="isThrottled">Whether an answer other than 429 means throttling; its body is buffered, so reading it is safe.</param>
    /// <param name="onThrottled">Told the wait before each retry after throttling (to pause every client of a token).</param>
    public LmsHttpPipeline(
        string lms,
        LmsRetryPolicy policy,
        TimeProvider timeProvider,
        ILogger logger,
        Func<HttpResponseMessage, ValueTask<bool>>? isThrottled = null,
        Action<TimeSpan>? onThrottled = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.MaxAttempts < 1 || policy.MaxThrottledAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), "MaxAttempts and MaxThrottledAttempts must be at least 1.");
        }
        Policy = policy;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (policy.MaxThrottledAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "throttled",
                MaxRetryAttempts = policy.MaxThrottledAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.InitialThrottleDelay,
                MaxDelay = policy.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => args.Outcome.Result is { } response ? IsThrottledAsync(response, isThrottled) : ValueTask.FromResult(false),
                OnRetry = args =>
                {
                    onThrottled?.Invoke(args.RetryDelay);
                    logger.LogWarning("{Lms} throttled {Operation} (HTTP {Status}); try {Try} of {Max} in {Delay}",
                        lms, Operation(args.Context), (int?)args.Outcome.Result?.StatusCode, args.AttemptNumber + 2, policy.MaxThrottledAttempts, args.RetryDelay);
                    return default;
                },
            });
        }
        if (policy.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "transient",
                MaxRetryAttempts = policy.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.InitialDelay,
                MaxDelay = policy.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    logger.LogWarning("{Lms} {Operation} failed ({Failure}); try {Try} of {Max} in {Delay}",
                        lms, Operation(args.Context), Describe(args.Outcome), args.AttemptNumber + 2, policy.MaxAttempts, args.RetryDelay);
                    return default;
                },
            });
        }
        _pipeline = builder.Build();
    }

    /// <summary>The attempts and waits in force.</summary>
    public LmsRetryPolicy Policy { get; }

    /// <summary>
    /// Sends what <paramref name="send"/> builds (a new request per try: a sent request cannot be sent again) until an
    /// answer needs no retry or the budget is spent, and returns the last outcome: a response (successful or not, to
    /// be read by the adapter), or the exception of the last try, with how many tries were made.
    /// </summary>
    public async Task<LmsHttpOutcome> SendAsync(string operation, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        context.Properties.Set(AttemptsKey, 0);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, send) =>
                {
                    ctx.Properties.Set(AttemptsKey, ctx.Properties.GetValue(AttemptsKey, 0) + 1);
                    try
                    {
                        return Outcome.FromResult(await send(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                send).ConfigureAwait(false);
            var attempts = context.Properties.GetValue(AttemptsKey, 1);
            if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            return new LmsHttpOutcome(outcome.Result, outcome.Exception, attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Whether an answer is worth another try: 408, 5xx (429 belongs to the throttling retry).</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static async ValueTask<bool> IsThrottledAsync(HttpResponseMessage response, Func<HttpResponseMessage, ValueTask<bool>>? isThrottled) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (isThrottled is not null && await isThrottled(response).ConfigureAwait(false));

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        // An address the guard refused stays refused: asking again would only repeat the refusal.
        { Exception: HttpRequestException { InnerException: LmsAddressRefusedException } } => false,
        { Exception: HttpRequestException } => true,
        // HttpClient.Timeout ends one try with a TaskCanceledException the caller did not ask for.
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static string Operation(ResilienceContext context) => context.Properties.GetValue(OperationKey, "a call");

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
        : outcome.Exception is OperationCanceledException ? "no answer in time"
        : outcome.Exception?.Message ?? "no answer";
}
