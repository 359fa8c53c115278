using System.Diagnostics;
using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>
/// SIGKILL one silo of a loaded cluster and measure the recovery: when the survivors' <c>GET /health</c> counts one
/// member less, when every learner is served again from a survivor, and which requests failed on which silo.
/// </summary>
public sealed class RecoveryRun(ClusterBenchOptions options, BenchWorkload workload)
{
    public async Task<RecoveryResult> RunAsync(Cluster cluster)
    {
        // Not the first silo: that one created the schema, and a victim that did nothing special says more.
        var victim = 1;
        var survivors = cluster.Live.Where(i => i != victim).ToArray();
        var name = cluster.Configuration.Name;
        var journaledBefore = cluster.Database is { } db ? await db.JournaledEventsAsync(SiloProcess.Tenant) : 0;

        Console.WriteLine($"{name}: recovery, {options.Clients} clients posting fresh batches over {cluster.Silos.Count} silos; " +
            $"SIGKILL {Cluster.Label(victim)} after {options.KillAfter.TotalSeconds:0} s");
        var load = new RecoveryLoad(cluster, workload, options.Clients);
        load.Start();
        await Task.Delay(options.KillAfter);

        var victimPeak = cluster.Silos[victim].PeakWorkingSetMiB();
        var warningsAtKill = cluster.Warnings();
        load.Avoid(victim);
        var sinceKill = Stopwatch.StartNew();
        await cluster.KillAsync(victim);
        Console.WriteLine($"{name}: killed {Cluster.Label(victim)} (pid {cluster.Silos[victim].Pid}); watching the survivors");

        var membership = Task.WhenAll(survivors.Select(s => SeesMembersAsync(cluster.Clients[s], survivors.Length, sinceKill)));
        var learners = workload.Learners.Select(l => l.Learner).ToArray();
        var sweep = LearnerSweep.RunAsync(cluster, survivors, learners, options.Clients, sinceKill, options.RecoveryTimeout);
        var seen = await membership;
        var served = await sweep;
        await load.StopAsync();
        Console.WriteLine($"{name}: survivors saw {survivors.Length} members after {string.Join(" and ", seen.Select(Seconds))}; " +
            $"every learner served after {Seconds(served.AllServed)}");

        var journaled = cluster.Database is { } database ? await database.JournaledEventsAsync(SiloProcess.Tenant) - journaledBefore : (long?)null;
        var warnings = cluster.Warnings();
        return new RecoveryResult(
            victim,
            survivors,
            load.KilledAt,
            survivors.Zip(seen).ToDictionary(s => s.First, s => s.Second),
            served,
            load.Tally,
            load.EventsPerSecond,
            load.Acknowledged,
            journaled,
            victimPeak,
            survivors.ToDictionary(s => s, s => cluster.Silos[s].PeakWorkingSetMiB()),
            survivors.ToDictionary(s => s, s => cluster.Silos[s].WarningsSince(warningsAtKill[s])),
            survivors.ToDictionary(s => s, s => warnings[s] - warningsAtKill[s]));
    }

    /// <summary>When <paramref name="silo"/>'s health check first counts <paramref name="members"/> active silos; null if not before the timeout.</summary>
    private async Task<TimeSpan?> SeesMembersAsync(SiloClient silo, int members, Stopwatch sinceKill)
    {
        while (sinceKill.Elapsed < options.RecoveryTimeout)
        {
            if (await silo.ActiveMembersAsync() == members)
            {
                return sinceKill.Elapsed;
            }
            await Task.Delay(100);
        }
        return null;
    }

    private static string Seconds(TimeSpan? t) => t is { } time ? $"{time.TotalSeconds:0.0} s" : "never";
}
