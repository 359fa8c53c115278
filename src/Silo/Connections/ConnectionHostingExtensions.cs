using Attune.LmsAdapters;
using Attune.LmsAdapters.Canvas;
using Attune.LmsAdapters.Moodle;
using Attune.LmsAdapters.Xapi;
using Attune.Silo.Catalog;
using Attune.Silo.Connections.Identities;
using Hangfire;

namespace Attune.Silo.Connections;

public static class ConnectionHostingExtensions
{
    public static IServiceCollection AddAttuneConnections(this IServiceCollection services)
    {
        // Retries and back-off live in each client's LmsHttpPipeline (adapter core); the timeout bounds one try.
        services.AddHttpClient(LmsConnectionContexts.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(100))
            // Every LMS call connects through the address guard, so an internal address is refused at request time too.
            .ConfigurePrimaryHttpMessageHandler(sp => LmsAddressGuard.CreateHandler(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.AttuneOptions>>().Value.Lms.AllowPrivateAddresses));
        // One line per LMS: the host finds connectors by kind and never switches on it.
        services.AddLmsConnector<MoodleConnector>();
        services.AddLmsConnector<CanvasConnector>();
        services.AddSingleton<IEnumerable<IXapiSiteProfileProvider>>(sp => [.. sp.GetServices<ILmsConnector>().OfType<IXapiSiteProfileProvider>()]);
        services.AddSingleton<LmsConnectionContexts>();
        services.AddSingleton<LmsIdentityMap>();
        services.AddSingleton<IdentityRepairJob>();
        services.AddSingleton<IgnoredVerbs>();
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<XapiDoor>();
        services.AddSingleton<ConnectedXapiSites>();
        services.AddSingleton<LmsIngestion>();
        services.AddHostedService<ConnectionSchedules>();
        return services;
    }

    /// <summary>Keeps every stored connection's recurring sync registered (they survive restarts in the store, not in code).</summary>
    private sealed class ConnectionSchedules(
        ConnectionStore store, LmsConnectors connectors, IRecurringJobManager recurring, IConfiguration configuration, Security.TenantDirectory tenants,
        ILogger<ConnectionSchedules> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            RegisterConfigured();
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

        private static readonly HashSet<string> ConnectionKeys = new(StringComparer.OrdinalIgnoreCase) { "Tenant", "Kind", "Url", "Token", "Schedule" };

        /// <summary>
        /// Connections given in configuration (<c>Attune:Connections:&lt;id&gt;:Tenant|Kind|Url|Token|Schedule|Jwks</c>) are
        /// stored at every start, so configuration stays the source of truth for them; a wrong one stops start-up.
        /// </summary>
        private void RegisterConfigured()
        {
            foreach (var section in configuration.GetSection("Attune:Connections").GetChildren())
            {
                var at = $"Attune:Connections:{section.Key}";
                string Required(string key) => section[key] is { Length: > 0 } v ? v : throw new InvalidOperationException($"{at}:{key} is required.");
                var tenant = Required("Tenant");
                if (!tenants.Tenants.Any(t => t.Value == tenant))
                {
                    throw new InvalidOperationException($"{at}:Tenant '{tenant}' is not a configured tenant.");
                }
                var kind = Required("Kind").ToLowerInvariant();
                var connector = connectors.Find(kind)
                    ?? throw new InvalidOperationException($"{at}:Kind must be one of {string.Join(", ", connectors.Kinds)}.");
                if (!Uri.TryCreate(Required("Url"), UriKind.Absolute, out var url))
                {
                    throw new InvalidOperationException($"{at}:Url must be an absolute URL.");
                }
                var settings = new Dictionary<string, string>();
                foreach (var setting in section.GetChildren().Where(c => !ConnectionKeys.Contains(c.Key) && c.Value is { Length: > 0 }))
                {
                    var name = char.ToLowerInvariant(setting.Key[0]) + setting.Key[1..];
                    if (connector.ValidateSetting(name, setting.Value!) is { } wrong)
                    {
                        throw new InvalidOperationException($"{at}:{setting.Key} {wrong}.");
                    }
                    settings[name] = setting.Value!;
                }
                var token = Required("Token");
                if (store.TokenReferenceProblem(token) is { } badReference)
                {
                    throw new InvalidOperationException($"{at}:Token {badReference}.");
                }
                store.Upsert(section.Key, new TenantId(tenant), kind, url, token, section["Schedule"] ?? "*/15 * * * *", settings);
                logger.LogInformation("Connection {Connection} ({Kind}, tenant {Tenant}) registered from configuration", section.Key, kind, tenant);
            }
        }
    }
}
