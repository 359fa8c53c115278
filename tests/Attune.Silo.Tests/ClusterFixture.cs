using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Attune.Silo.Plugins;
using Attune.Silo.Tests.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Attune.Silo.Tests;

/// <summary>
/// One in-process Orleans silo with Attune's real journal and SQLite grain storage in a temp folder,
/// shared by every test of the <see cref="ClusterCollection"/> (a cluster takes seconds to start).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SnapshotEveryEvents = 5;
    private readonly TempFolder _folder = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string DataPath => _folder.Path;

    public EventJournal Journal => Silo.GetRequiredService<EventJournal>();

    public IServiceProvider Silo => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    /// <summary>The silo's plugins folder, holding the fixture plugins.</summary>
    public string PluginsPath => Path.Combine(_folder.Path, "plugins");

    public async Task InitializeAsync()
    {
        FixturePlugins.Install(PluginsPath, FixturePlugins.Faulty);
        FixturePlugins.Install(PluginsPath, FixturePlugins.VersionedV1);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddAttuneCore();
            silo.Services.Configure<AttuneOptions>(o =>
            {
                o.DataPath = _folder.Path;
                o.Tenants["uni"] = new TenantOptions { ApiKey = "uni-test-key-0123456789" };
                o.Learners.SnapshotEveryEvents = SnapshotEveryEvents;
                o.Learners.CatalogCacheTime = TimeSpan.Zero;
            });
            silo.Services.Configure<PluginOptions>(o =>
            {
                o.Path = PluginsPath;
                // Generous: a loaded CI machine must not turn a healthy call into a timeout. The hanging fixture sleeps 3 s.
                o.CallBudget = TimeSpan.FromSeconds(1);
                o.Tenants["faulty"] = new TenantPluginChoice { Recommender = "throwing-recommender", Strategies = ["throwing-strategy", "over-budget-strategy"] };
                o.Tenants["garbage"] = new TenantPluginChoice { Recommender = "unknown-item-recommender" };
                o.Tenants["versioned"] = new TenantPluginChoice
                {
                    Recommender = "versioned-recommender",
                    Strategies = ["versioned-strategy"],
                    Courses = { ["plain"] = new PluginChoice { Recommender = PluginSelector.Baseline, Strategies = [] } },
                };
                o.Tenants["trained"] = new TenantPluginChoice { Recommender = "trainable-recommender" };
                o.Tenants["describers"] = new TenantPluginChoice
                {
                    Strategies = ["throwing-describer", "garbage-describer", "counting-describer", "versioned-strategy"],
                };
                o.Tenants["ab"] = new TenantPluginChoice
                {
                    Variants = [new PluginVariant { Name = "A", Percent = 30, Recommender = "versioned-recommender" }, new PluginVariant { Name = "B", Percent = 30 }],
                };
            });
            silo.Services.AddAttuneGrainStorage();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
