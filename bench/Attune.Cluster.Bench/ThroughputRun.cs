using System.Diagnostics;
using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>
/// One configuration's numbers: events/s over HTTP (a cold warm-up pass, then the measured pass) and recommendation
/// latency over HTTP once the grains' first snapshots are written. Batch and request i go to silo i mod N, so every
/// client spreads its requests round robin over the silos' HTTP ports, as a load balancer would.
/// </summary>
public sealed class ThroughputRun(ClusterBenchOptions options, BenchWorkload workload)
{
    public async Task<ConfigurationResult> RunAsync(Cluster cluster)
    {
        var name = cluster.Configuration.Name;
        var silos = cluster.Clients;
        var sinceFirstEvent = Stopwatch.StartNew();

        IngestionResult? cold = null;
        var warm = Math.Min(options.WarmupBatches, workload.Bodies.Length);
        if (warm > 0)
        {
            Console.WriteLine($"{name}: warm-up, {workload.Sizes[..warm].Sum():N0} events under tenant '{SiloProcess.WarmupTenant}'");
            cold = await IngestAsync($"{name} warm-up", workload.Sizes[..warm], cluster,
                i => silos[i % silos.Count].PostAsync(workload.Bodies[i], warmup: true));
        }
        Console.WriteLine($"{name}: posting {workload.Oulad.Events.Count:N0} events, {options.Clients} clients, batches of {options.BatchSize}");
        var ingestion = await IngestAsync(name, workload.Sizes, cluster, i => silos[i % silos.Count].PostAsync(workload.Bodies[i]));
        Console.WriteLine($"  {name}: {ingestion.Load.EventsPerSecond:N0} events/s, batch p50 {ingestion.Load.BatchLatency.Percentile(50):0} ms, p99 {ingestion.Load.BatchLatency.Percentile(99):0} ms");
        long? journaled = cluster.Database is { } database ? await database.JournaledEventsAsync(SiloProcess.Tenant) : null;

        // Every grain writes its first snapshot one SnapshotEvery after it was activated, so the grains of both passes
        // write in a burst that ends one SnapshotEvery after the last batch. Latency is measured after it, as Attune.Bench
        // measures its steady state.
        var untilSteady = SiloProcess.SnapshotEvery + TimeSpan.FromSeconds(3);
        Console.WriteLine($"{name}: waiting {untilSteady.TotalSeconds:0} s for the grains' first snapshots");
        await Task.Delay(untilSteady);

        var learners = workload.Learners;
        var random = new Random(20261129);
        async Task<LatencyResult> Recommend(string run, int requests, int clients)
        {
            // Drawn before the run, so the clients do not share the Random (it is not thread-safe).
            var paths = Enumerable.Range(0, requests).Select(_ =>
            {
                var (learner, course) = learners[random.Next(learners.Length)];
                return $"api/v1/learners/{Uri.EscapeDataString(learner)}/recommendations?course={Uri.EscapeDataString(course)}&limit=10";
            }).ToArray();
            return await RequestLoad.RunAsync($"{name} {run}", requests, clients, i => silos[i % silos.Count].RecommendAsync(paths[i]));
        }
        Console.WriteLine($"{name}: recommendations, {options.Recommendations:N0} requests with 1 and {options.Clients} clients");
        await Recommend("warm-up", Math.Min(1000, options.Recommendations), options.Clients);
        var one = await Recommend("recs-1", options.Recommendations, 1);
        var cpu0 = cluster.CpuSeconds();
        var many = await Recommend("recs-n", options.Recommendations, options.Clients);
        var cores = (cluster.CpuSeconds() - cpu0) / many.Elapsed.TotalSeconds;
        Console.WriteLine($"  {name}: recommendations p50/p99 {one.Latency.Percentile(50):0.00}/{one.Latency.Percentile(99):0.00} ms (1 client), " +
            $"{many.Latency.Percentile(50):0.00}/{many.Latency.Percentile(99):0.00} ms ({options.Clients} clients)");

        return new ConfigurationResult(cluster.Configuration, cluster.StartTime, cold, ingestion, journaled, one, many, cores,
            cluster.Silos.Select(s => s.PeakWorkingSetMiB()).ToArray(), cluster.Warnings());
    }

    private async Task<IngestionResult> IngestAsync(string run, IReadOnlyList<int> sizes, Cluster cluster, Func<int, Task<BatchOutcome>> send)
    {
        var services0 = ServiceProcesses.CpuSeconds();
        var load = await ConcurrentLoad.RunAsync(run, sizes, options.Clients, send, cluster.CpuSeconds);
        return new IngestionResult(load, ServiceProcesses.CpuSeconds() - services0);
    }
}
