using Attune.Silo.Connections;
using Attune.Silo.Database;
using Attune.Silo.Hosting;
using Attune.Silo.Models;
using Attune.Silo.Security;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Jobs;

public static class JobHostingExtensions
{
    /// <summary>
    /// Hangfire with its storage in the data folder (SQLite, so jobs and history survive restarts), a server with a
    /// short poll interval so a triggered job starts within about a second, and the recurring jobs from configuration.
    /// Register after Orleans so that on shutdown Hangfire's workers stop (and honour their token) before the silo leaves.
    /// </summary>
    public static IServiceCollection AddAttuneJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JobProgressBoard>();
        services.AddSingleton<JobLocks>();
        services.AddHangfire((sp, config) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (sp.GetRequiredService<JournalDatabase>() is PostgresJournalDatabase postgres)
            {
                // Beside the journal, in its own schema; every silo's server shares the queue, so a recurring job runs once.
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = jobs.PollInterval,
                    InvisibilityTimeout = jobs.InvisibilityTimeout,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    StartupConnectionMaxRetries = 0,       // the journal already proved the database reachable
                    AllowDegradedModeWithoutStorage = false,
                });
            }
            else
            {
                config.UseSQLiteStorage(Storage.PrivateFiles.Database(Path.Combine(AttuneHostingExtensions.DataFolder(sp), "hangfire.db")), new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.PollInterval,
                    InvisibilityTimeout = jobs.InvisibilityTimeout,
                    DistributedLockLifetime = jobs.DistributedLockLifetime,
                });
            }
        });
        var options = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        if (options.Server)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
                server.WorkerCount = Math.Max(1, jobs.WorkerCount);
                server.SchedulePollingInterval = jobs.PollInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
        services.AddHostedService<RecurringJobRegistration>();
        services.AddAttuneStrategyFitting();
        services.AddAttuneConnections();
        return services;
    }

    /// <summary><c>/hangfire</c> and <c>/orleans</c>, both for admins only (HTTP Basic), from any address; no connection strings shown.</summary>
    public static IEndpointRouteBuilder MapAttuneDashboards(this IEndpointRouteBuilder app)
    {
        // This overload clears Hangfire's local-requests-only filter and applies the policy instead.
        app.MapHangfireDashboardWithAuthorizationPolicy(AttuneAuthentication.AdminPolicy, "/hangfire", new DashboardOptions
        {
            DashboardTitle = "Attune jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
        if (app.ServiceProvider.GetService<IOptions<AttuneOptions>>()?.Value.Admin.Password is { Length: > 0 })
        {
            Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, "/orleans")
                .RequireAuthorization(AttuneAuthentication.AdminPolicy);
        }
        return app;
    }

    /// <summary>Registers each tenant's recurring refactorization through the injected manager (no static Hangfire state).</summary>
    private sealed class RecurringJobRegistration(
        IRecurringJobManager recurring, Security.TenantDirectory tenants, IOptions<JobOptions> options, ILogger<RecurringJobRegistration> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var cron = options.Value.Refactorize.Cron;
            foreach (var tenant in tenants.Tenants)
            {
                recurring.AddOrUpdate<RefactorizationJob>(RecurringId(tenant), "default",
                    job => job.RunAsync(tenant.Value, null, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            logger.LogInformation("Recurring refactorization of {Count} tenants at '{Cron}' (UTC)", tenants.Tenants.Count(), cron);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public static string RecurringId(TenantId tenant) => $"refactorize:{tenant.Value}";
}
