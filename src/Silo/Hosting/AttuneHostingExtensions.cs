using Attune.Silo.Catalog;
using Attune.Silo.Database;
using Attune.Silo.Health;
using Attune.Silo.Ingestion;
using Attune.Silo.Journal;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Attune.Silo.Security;
using Attune.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Attune.Silo.Hosting;

public static class AttuneHostingExtensions
{
    /// <summary>Options, the journal, the catalog, tenants, ingestion: everything the API and the grains share.</summary>
    public static IServiceCollection AddAttuneCore(this IServiceCollection services)
    {
        services.AddOptions<AttuneOptions>().BindConfiguration(AttuneOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AttuneOptions>, AttuneOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JournalDatabase>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<AttuneOptions>>().Value.Storage;
            return storage.Provider == StorageProvider.Postgres
                ? new PostgresJournalDatabase(storage.Postgres!, storage.PostgresMaxConnections, storage.PostgresJobConnections)
                : new SqliteJournalDatabase(Storage.PrivateFiles.Database(Path.Combine(DataFolder(sp), "journal.db")));
        });
        services.AddSingleton(sp => new EventJournal(
            sp.GetRequiredService<JournalDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventJournal>>()));
        services.AddSingleton<CourseCatalog>();
        services.AddSingleton<CourseTitles>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<EventBatchParser>();
        services.AddSingleton<EventRules>();
        services.AddSingleton<EventIngestor>();
        services.AddSingleton<Learners.KnownLearners>();
        services.AddAttunePlugins();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section);
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<HoldoutEvaluator>();
        services.AddSingleton<Refactorizer>();
        services.AddOptions<Jobs.JobOptions>().BindConfiguration(Jobs.JobOptions.Section);
        services.AddSingleton<Learners.ActiveLearners>();
        services.AddSingleton<Learners.ProfileStore>();
        services.AddHostedService<ModelWatcher>();
        services.AddHostedService<StartupReport>();
        return services;
    }

    /// <summary>
    /// The Orleans silo: one silo with localhost clustering by default, or a member of a Redis-clustered cluster;
    /// learner snapshots beside the journal. Registered after <see cref="AddAttuneCore"/> so the journal is open and
    /// migrated before the first grain activates.
    /// </summary>
    public static ISiloBuilder AddAttuneSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection($"{AttuneOptions.Section}:Orleans").Get<OrleansOptions>() ?? new OrleansOptions();
        if (orleans.Clustering == ClusteringMode.Redis && !string.IsNullOrWhiteSpace(orleans.Redis))
        {
            silo.UseAttuneRedisClustering(orleans);
        }
        else
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        }
        silo.Services.AddAttuneGrainStorage();
        // The dashboard costs CPU on every silo (metrics every second, a filter on every grain call); without admin
        // credentials nobody could open it, so it is only registered when they are configured.
        if (!string.IsNullOrEmpty(configuration[$"{AttuneOptions.Section}:Admin:Password"]))
        {
            silo.AddDashboard();
        }
        return silo;
    }

    /// <summary>
    /// The grain storage providers Attune's grains name: a SQLite file in the data folder beside the embedded journal,
    /// or the <c>grain_state</c> table of the PostgreSQL journal database.
    /// </summary>
    public static IServiceCollection AddAttuneGrainStorage(this IServiceCollection services) =>
        services.AddGrainStorage(AttuneStorage.LearnerStore, (sp, _) =>
        {
            var database = sp.GetRequiredService<JournalDatabase>();
            return database.Provider == StorageProvider.Postgres
                ? SqlGrainStorage.InDatabase(database, sp.GetRequiredService<Serializer>())
                : SqlGrainStorage.Sqlite(Storage.PrivateFiles.Database(Path.Combine(DataFolder(sp), "grains.db")), sp.GetRequiredService<Serializer>());
        });

    public static IServiceCollection AddAttuneApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<Api.ClusterFailover.ExceptionHandler>();
        services.AddExceptionHandler<Api.RequestProblems>();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurityTransformer>().AddOperationTransformer<Api.RoutePathParameterTransformer>());
        services.AddAttuneHealthChecks();
        services.AddAttuneSecurity();
        return services;
    }

    /// <summary>The data folder from <c>Attune:DataPath</c>, created if missing, with an error that names the setting.</summary>
    public static string DataFolder(IServiceProvider services)
    {
        var path = Path.GetFullPath(services.GetRequiredService<IOptions<AttuneOptions>>().Value.DataPath);
        try
        {
            Storage.PrivateFiles.Folder(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Attune:DataPath '{path}' cannot be created: {ex.Message}", ex);
        }
        return path;
    }

    /// <summary>Opens the journal and loads tenants at start-up, so a bad data folder fails now, not at the first request.</summary>
    private sealed class StartupReport(EventJournal journal, TenantDirectory tenants, IOptions<ClusterOptions> cluster, ILogger<StartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Journal in {Provider} at {Location}, schema version {Version}; tenants {Tenants}; cluster {ClusterId}",
                journal.Database.Provider, journal.Database.Location, journal.Database.SchemaVersion,
                tenants.Tenants.Select(t => t.Value), cluster.Value.ClusterId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
