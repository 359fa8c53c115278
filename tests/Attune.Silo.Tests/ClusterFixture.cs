using Attune.Silo.Hosting;
using Attune.Silo.Journal;
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

    public async Task InitializeAsync()
    {
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
