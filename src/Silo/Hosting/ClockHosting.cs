using Attune.Silo.Api;
using Attune.Silo.Security;

namespace Attune.Silo.Hosting;

/// <summary>
/// The manual clock (<c>Attune:Clock:Manual</c>) for benches that simulate weeks in minutes: Attune's own services
/// see it, Orleans does not.
/// </summary>
/// <remarks>
/// Orleans resolves <see cref="TimeProvider"/> from the same container and calls <c>GetUtcNow</c> for grain
/// collection, membership, directory leases and its watchdog, so a clock that jumps days ahead there would collect
/// every grain at once and could declare the silo dead. The registered <see cref="TimeProvider"/> therefore stays the
/// system clock; instead every service of this assembly that is registered by type and asks for a
/// <see cref="TimeProvider"/> (the learner pipeline, ingestion's future-timestamp check, the catalog, profiles, model
/// versions, job progress) is re-registered to be built with the <see cref="ManualClock"/>. Hangfire takes no
/// <see cref="TimeProvider"/>. Minimal-API handlers that take one as a parameter (LMS connections, xAPI, push
/// receivers) keep the system clock, which is what their JWT lifetimes and LMS cursors need.
/// </remarks>
public static class ClockHosting
{
    /// <summary>Call last, after every other registration, so the re-registration sees them all.</summary>
    public static IServiceCollection AddAttuneClock(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        if (!options.Manual)
        {
            return services;
        }
        services.AddSingleton(new ManualClock(TimeProvider.System, options.Start));
        var attune = typeof(ClockHosting).Assembly;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.IsKeyedService || descriptor.ImplementationType is not { } type || type.Assembly != attune ||
                type.ContainsGenericParameters || !AsksForTime(type))
            {
                continue;
            }
            services[i] = ServiceDescriptor.Describe(descriptor.ServiceType,
                sp => ActivatorUtilities.CreateInstance(sp, type, sp.GetRequiredService<ManualClock>()), descriptor.Lifetime);
        }
        services.AddHostedService<ManualClockWarning>();
        return services;
    }

    /// <summary><c>PUT /api/v1/admin/clock</c>, mapped only when the clock is manual (404 otherwise).</summary>
    public static IEndpointRouteBuilder MapClockApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<ManualClock>() is null)
        {
            return app;
        }
        app.MapGroup("/api/v1/admin")
            .RequireAuthorization(AttuneAuthentication.AdminPolicy)
            .WithTags("Admin")
            .MapPut("/clock", MoveAsync)
            .WithName("MoveClock")
            .WithSummary("Move the manual clock (Attune:Clock:Manual) forward to `now`; never backwards")
            .Produces<ClockRequest>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> MoveAsync(HttpContext context, ManualClock clock)
    {
        var (document, problem) = await RequestBody.ReadJsonAsync(context, 4 * 1024);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var errors = new FieldErrors();
            if (document!.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                errors.Add("body", "must be an object {\"now\":\"2026-12-01T08:00:00Z\"}");
                return errors.ToProblem("The clock was not moved.");
            }
            var now = JsonFields.Timestamp(document.RootElement, "now", "", errors, required: true);
            if (errors.Any)
            {
                return errors.ToProblem("The clock was not moved.");
            }
            if (!clock.TryMoveTo(now!.Value, out var current))
            {
                errors.Add("now", $"must not be before the clock's current time {current:O}: the clock only moves forward");
                return errors.ToProblem("The clock was not moved.");
            }
            return TypedResults.Ok(new ClockRequest(current));
        }
    }

    private static bool AsksForTime(Type type) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(TimeProvider)));

    /// <summary>A manual clock in production would make due dates, budgets and model versions lie: say so loudly at start-up.</summary>
    private sealed class ManualClockWarning(ManualClock clock, ILogger<ManualClockWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Attune:Clock:Manual is on: Attune's clock reads {Now:O} and moves only by PUT /api/v1/admin/clock. For benches and replays, never production.",
                clock.GetUtcNow());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
