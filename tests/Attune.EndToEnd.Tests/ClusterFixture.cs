using System.Net;
using System.Text.Json;
using Attune.Tests;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Three real silo processes on localhost forming one Orleans cluster through Redis, sharing one PostgreSQL database
/// (journal, snapshots, models, Hangfire). Tenant <c>other</c> is served by a trainable recommender whose
/// refactorization recurs every minute, so a test can see a recurring job fire once across the cluster.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Size = 3;
    public const string AdminPassword = "cluster-admin-password-0123";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"));
    private readonly PostgresTestDatabase _database = TestServices.CreateDatabase();

    public ClusterFixture()
    {
        var settings = TestStorage.PostgresSettings(_database, clusterId: _database.Name);
        settings[$"Attune__Tenants__{SiloFixture.Uni}__ApiKey"] = SiloFixture.UniKey;
        settings[$"Attune__Tenants__{SiloFixture.Other}__ApiKey"] = SiloFixture.OtherKey;
        settings["Attune__Admin__Password"] = AdminPassword;
        settings["Attune__Plugins__Path"] = JobsSiloFixture.InstallTrainablePlugin();
        settings[$"Attune__Plugins__Tenants__{SiloFixture.Other}__Recommender"] = JobsSiloFixture.Recommender;
        settings["Attune__Jobs__Refactorize__Cron"] = "* * * * *";
        settings["Attune__Jobs__PollInterval"] = "00:00:00.500";
        settings["Attune__Models__RefreshInterval"] = "00:00:01";
        settings["Attune__Learners__SnapshotEveryEvents"] = "20";
        settings["Attune__Learners__SnapshotEvery"] = "00:00:01";
        Silos = Enumerable.Range(0, Size).Select(i => new SiloProcess(Path.Combine(_root, $"silo{i}"), settings)).ToArray();
        Journal = JournalFile.Postgres(_database.ConnectionString);
    }

    public SiloProcess[] Silos { get; }

    public JournalFile Journal { get; }

    public TenantClient Client(int silo) => new(Silos[silo], SiloFixture.UniKey);

    public AdminClient Admin(int silo) => new(Silos[silo], AdminClient.Basic("admin", AdminPassword));

    public async Task InitializeAsync()
    {
        // The first silo creates the schemas; the others then join in parallel.
        await Silos[0].StartAsync();
        await Task.WhenAll(Silos.Skip(1).Select(s => s.StartAsync()));
        foreach (var silo in Silos)
        {
            await WaitForMembersAsync(silo, Size, TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Waits until <paramref name="silo"/>'s health check counts <paramref name="members"/> active silos.</summary>
    public static async Task WaitForMembersAsync(SiloProcess silo, int members, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await silo.Http.GetAsync("/health");
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && ActiveMembers(last) == members)
            {
                return;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"the silo never saw {members} active members; last health: {last}\n{silo.Output}");
    }

    /// <summary>The number of active silos a health answer reports.</summary>
    public static int ActiveMembers(string health)
    {
        var description = JsonDocument.Parse(health).RootElement.GetProperty("checks").GetProperty("orleans").GetProperty("description").GetString()!;
        var marker = description.IndexOf(" active silo(s)", StringComparison.Ordinal);
        return int.Parse(description[(description.LastIndexOf(';', marker) + 2)..marker], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
        _database.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner gets it
        }
    }
}
