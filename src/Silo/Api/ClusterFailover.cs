using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Attune.Silo.Api;

/// <summary>
/// What a request sees while a silo of the cluster is dying: its grains cannot be reached until the others have
/// declared it dead (seconds), after which they reactivate on a survivor. Idempotent reads retry through that window;
/// anything still failing answers 503 problem+json with <c>Retry-After</c>, never a bare 500.
/// </summary>
public static class ClusterFailover
{
    /// <summary>How long a read keeps retrying: comfortably past Orleans' default failure detection (about 6 s here).</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(20);

    /// <summary>True for the errors of a grain call that met a dead or unreachable silo.</summary>
    public static bool IsSiloLoss(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsSiloLoss),
        _ => exception.InnerException is { } inner && IsSiloLoss(inner),
    };

    /// <summary>Retries an idempotent endpoint (a GET) while its grain is being moved off a dead silo.</summary>
    public static TBuilder RetriedThroughSiloLoss<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var delay = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                try
                {
                    return await next(context);
                }
                catch (Exception ex) when (IsSiloLoss(ex) && Stopwatch.GetElapsedTime(started) + delay < RetryFor)
                {
                    await Task.Delay(delay, context.HttpContext.RequestAborted);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                }
            }
        });

    /// <summary>Turns a silo loss that escaped every retry into 503 problem+json with <c>Retry-After</c>.</summary>
    public sealed class ExceptionHandler(IProblemDetailsService problems, ILogger<ExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsSiloLoss(exception))
            {
                return false;
            }
            // The route's pattern, not the path: paths hold learner ids, which stay out of logs.
            logger.LogWarning("{Method} {Route}: a silo of the cluster is unavailable ({Error})",
                httpContext.Request.Method, RequestLog.RouteOf(httpContext), exception.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "5";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "A silo of the cluster is unavailable",
                    Detail = "The learner lived on a silo that just stopped; the cluster is moving it. Retry in a few seconds.",
                },
            });
        }
    }
}
