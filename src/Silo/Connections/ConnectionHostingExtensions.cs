using Hangfire;

namespace Attune.Silo.Connections;

public static class ConnectionHostingExtensions
{
    public static IServiceCollection AddAttuneConnections(this IServiceCollection services)
    {
        services.AddHttpClient(ConnectionSyncJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(100));
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<LmsIngestion>();
        services.AddHostedService<ConnectionSchedules>();
        return services;
    }

    /// <summary>Keeps every stored connection's recurring sync registered (they survive restarts in the store, not in code).</summary>
    private sealed class ConnectionSchedules(ConnectionStore store, IRecurringJobManager recurring, ILogger<ConnectionSchedules> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var connections = store.List();
            foreach (var c in connections)
            {
                var id = c.Id;
                recurring.AddOrUpdate<ConnectionSyncJob>(ConnectionEndpoints.RecurringId(id), "default",
                    j => j.RunAsync(id, null, CancellationToken.None), c.Schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            logger.LogInformation("{Count} LMS connections scheduled", connections.Count);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
