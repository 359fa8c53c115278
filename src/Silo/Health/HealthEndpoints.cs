using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Silo.Health;

public static class HealthEndpoints
{
    public static IHealthChecksBuilder AddAttuneHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<JournalHealthCheck>("journal")
            .AddCheck<SiloHealthCheck>("orleans");

    /// <summary><c>/health</c>, the one anonymous endpoint: overall status and each check, without secrets or exception text.</summary>
    public static IEndpointRouteBuilder MapAttuneHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .WithTags("Health");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web);
    }
}
