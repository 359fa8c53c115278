using System.Diagnostics;
using System.Globalization;
using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>
/// The silo processes of one configuration on localhost: one silo on its SQLite files, or N silos sharing a fresh
/// PostgreSQL database and joined through Redis, configured only by environment variables as the README describes.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly bool[] _killed;

    private Cluster(ClusterConfiguration configuration, List<SiloProcess> silos, BenchDatabase? database, int clients)
    {
        Configuration = configuration;
        Silos = silos;
        Database = database;
        _killed = new bool[silos.Count];
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            // Per silo: the load's clients, and during recovery the learner reads and the health probes beside them.
            MaxConnectionsPerServer = clients * 3,
        };
        Clients = silos.Select(s => new SiloClient(s, _handler)).ToArray();
    }

    public ClusterConfiguration Configuration { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public IReadOnlyList<SiloClient> Clients { get; }

    public BenchDatabase? Database { get; }

    /// <summary>How long from starting the first silo until every silo reported all members active.</summary>
    public TimeSpan StartTime { get; private set; }

    public static async Task<Cluster> StartAsync(ClusterConfiguration configuration, string siloDll, ClusterServices? services, int clients, bool keep)
    {
        var clock = Stopwatch.StartNew();
        BenchDatabase? database = null;
        var settings = new Dictionary<string, string>();
        if (configuration.Postgres)
        {
            var server = services ?? throw new InvalidOperationException("Postgres mode needs PostgreSQL and Redis.");
            database = BenchDatabase.Create(server.Postgres, configuration.Name, keep);
            settings["Attune__Storage__Provider"] = "Postgres";
            settings["Attune__Storage__Postgres"] = database.ConnectionString;
            settings["Attune__Orleans__Clustering"] = "Redis";
            settings["Attune__Orleans__Redis"] = server.Redis;
            settings["Attune__Orleans__AdvertisedAddress"] = "127.0.0.1";
            // Membership rows in Redis are kept per cluster id: a new one per run, so no run sees another's dead silos.
            settings["Attune__Orleans__ClusterId"] = database.Name.Replace('_', '-');
        }

        var silos = new List<SiloProcess>();
        try
        {
            // The first silo creates the schema; the others then join together.
            Console.WriteLine($"{configuration.Name}: starting {configuration.Describe()}");
            silos.Add(await SiloProcess.StartAsync(siloDll, keep, settings));
            var others = await Task.WhenAll(Enumerable.Range(1, configuration.Silos - 1).Select(_ => SiloProcess.StartAsync(siloDll, keep, settings)));
            silos.AddRange(others);
        }
        catch
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
            database?.Dispose();
            throw;
        }

        var cluster = new Cluster(configuration, silos, database, clients);
        try
        {
            await cluster.WaitForMembersAsync(cluster.Live, TimeSpan.FromSeconds(90));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        cluster.StartTime = clock.Elapsed;
        Console.WriteLine($"{configuration.Name}: {silos.Count} silo(s) active after {cluster.StartTime.TotalSeconds:0.0} s (pids {string.Join(", ", silos.Select(s => s.Pid))})");
        return cluster;
    }

    /// <summary>The indexes of the silos not killed.</summary>
    public int[] Live => Enumerable.Range(0, Silos.Count).Where(i => !_killed[i]).ToArray();

    /// <summary>CPU seconds of the live silos so far.</summary>
    public double CpuSeconds() => Live.Sum(i => Silos[i].CpuSeconds());

    public async Task KillAsync(int silo)
    {
        _killed[silo] = true;
        await Silos[silo].KillAsync();
    }

    /// <summary>Waits until each of <paramref name="silos"/> reports exactly that many active members.</summary>
    public async Task WaitForMembersAsync(IReadOnlyList<int> silos, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        foreach (var i in silos)
        {
            while (await Clients[i].ActiveMembersAsync() != silos.Count)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Silo {i + 1} did not see {silos.Count} active members within {timeout.TotalSeconds:0} s:\n{Silos[i].RecentOutput()}");
                }
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Stops the live silos with SIGTERM, together, as a rolling shutdown would not; returns the slowest stop.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Live.Select(i => Silos[i].StopAsync(TimeSpan.FromSeconds(120))));
        return clock.Elapsed;
    }

    /// <summary>Warnings and errors each silo logged so far.</summary>
    public int[] Warnings() => Silos.Select(s => s.Warnings).ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }
        _handler.Dispose();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
        Database?.Dispose();
    }

    public static string Label(int silo) => $"silo {(silo + 1).ToString(CultureInfo.InvariantCulture)}";
}
