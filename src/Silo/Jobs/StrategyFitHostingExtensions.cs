using Attune.Silo.Security;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Jobs;

public static class StrategyFitHostingExtensions
{
    /// <summary>
    /// Each tenant's recurring strategy fit (<see cref="StrategyFitJob"/>) at <c>Attune:Jobs:FitStrategies:Cron</c>,
    /// registered through the injected manager (no static Hangfire state). Call from <c>AddAttuneJobs</c>, where Hangfire
    /// is registered. The job itself needs nothing more: Hangfire creates it from the container's services.
    /// </summary>
    public static IServiceCollection AddAttuneStrategyFitting(this IServiceCollection services)
    {
        services.AddHostedService<RecurringStrategyFitRegistration>();
        return services;
    }

    public static string RecurringId(TenantId tenant) => $"fit-strategies:{tenant.Value}";

    private sealed class RecurringStrategyFitRegistration(
        IRecurringJobManager recurring, TenantDirectory tenants, IOptions<JobOptions> options, ILogger<RecurringStrategyFitRegistration> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var cron = options.Value.FitStrategies.Cron;
            foreach (var tenant in tenants.Tenants)
            {
                recurring.AddOrUpdate<StrategyFitJob>(RecurringId(tenant), "default",
                    job => job.RunAsync(tenant.Value, null, null, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            logger.LogInformation("Recurring strategy fit of {Count} tenants at '{Cron}' (UTC)", tenants.Tenants.Count(), cron);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
