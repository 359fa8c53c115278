using System.Diagnostics;

namespace Attune.Silo.Api;

/// <summary>
/// The silo's one line per request: method, the route's pattern (<c>/api/v1/learners/{learner}/recommendations</c>),
/// status and duration. Never the path or the query, which hold learner ids, course ids and search terms; ASP.NET
/// Core's own request lines (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, which print the full URL) are held at
/// Warning whatever the logging configuration says.
/// </summary>
public static class RequestLog
{
    /// <summary>The category of the request lines, for configuring their level.</summary>
    public const string Category = "Attune.Requests";

    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Keeps ASP.NET Core from logging request URLs; call on the builder's logging.</summary>
    public static ILoggingBuilder WithoutRequestUrls(this ILoggingBuilder logging) =>
        logging.AddFilter(HostingDiagnostics, LogLevel.Warning);

    /// <summary>Logs each request as its route pattern, status and duration.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("HTTP {Method} {Route} answered {Status} in {Milliseconds:0.0} ms",
                        context.Request.Method, RouteOf(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }

    /// <summary>The pattern of the route a request matched, e.g. <c>/xapi/statements</c>; never the path itself.</summary>
    public static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? "/" + pattern.TrimStart('/') : "(no route)";
}
