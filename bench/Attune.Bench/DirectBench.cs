using System.Diagnostics;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Attune.Silo.Journal;
using Attune.Silo.Learners;

namespace Attune.Bench;

/// <summary>
/// Mode B: the silo hosted in this process the way Program.cs builds it, minus the web server, fed through
/// <see cref="EventIngestor"/> by N tasks; then the same batches split into their stages, and recommendations
/// asked of the grains directly.
/// </summary>
public sealed class DirectBench(BenchOptions options, OuladWorkload workload, Report report)
{
    private const string Tenant = "bench";
    private const string StagedTenant = "staged";
    private const string WarmupTenant = "warmup";

    public async Task RunAsync()
    {
        report.Waited("B", await IdleWait.UntilIdleAsync(options.WaitIdle));
        var data = Directory.CreateTempSubdirectory("attune-bench-direct-").FullName;
        try
        {
            await using var silo = await InProcessSilo.StartAsync(data);
            var batches = workload.Batches(options.BatchSize);
            var sizes = batches.Select(b => b.Length).ToArray();
            var ingestor = silo.Get<EventIngestor>();

            var warm = Math.Min(options.WarmupBatches, batches.Count);
            if (warm > 0)
            {
                Console.WriteLine($"Direct: warm-up, {sizes[..warm].Sum():N0} events under tenant '{WarmupTenant}'");
                var warmup = await ConcurrentLoad.RunAsync("warm-up", sizes[..warm], options.Clients, i => IngestAsync(ingestor, new TenantId(WarmupTenant), batches[i]));
                report.Ingestion("B0. direct, cold silo", $"as B, the first {warm:N0} batches into the freshly started in-process silo: the warm-up pass", warmup);
            }

            Console.WriteLine($"Direct: {workload.Events.Count:N0} events through EventIngestor.IngestAsync, {options.Clients} tasks");
            var direct = await ConcurrentLoad.RunAsync("direct", sizes, options.Clients, i => IngestAsync(ingestor, new TenantId(Tenant), batches[i]));
            report.Ingestion("B. direct, no HTTP",
                "EventIngestor.IngestAsync in this process: journal (group commit, fsync) + dispatch to learner grains", direct);

            Console.WriteLine("Direct: the same batches again (new tenant, new grains), timing the journal and the dispatch apart");
            await StagedAsync(silo, batches, sizes);

            await RecommendAsync(silo);

            report.Memory("bench process after direct mode", CpuClock.PeakWorkingSetMiB(Environment.ProcessId),
                $"includes the in-process silo with {3 * workload.CourseOfLearner.Count:N0} grains (bench, staged, warm-up tenants) and the loaded CSV");
            var stop = Stopwatch.StartNew();
            await silo.StopAsync();
            report.Note($"Direct silo: stopped in {stop.Elapsed.TotalSeconds:0.0} s (deactivating every grain writes its snapshot).");
        }
        finally
        {
            DeleteOrKeep(data);
        }
    }

    private async Task StagedAsync(InProcessSilo silo, List<LearningEvent[]> batches, int[] sizes)
    {
        // The same steps as EventIngestor.IngestAsync, with a clock between them: the ingestor has no hook for it.
        var journal = silo.Get<EventJournal>();
        var grains = silo.Get<IGrainFactory>();
        var tenant = new TenantId(StagedTenant);
        var append = new Latencies(batches.Count);
        var dispatch = new Latencies(batches.Count);
        var grainsPerBatch = 0L;
        var result = await ConcurrentLoad.RunAsync("staged", sizes, options.Clients, async i =>
        {
            var batch = batches[i];
            var t0 = Stopwatch.GetTimestamp();
            var outcomes = await journal.AppendAsync(tenant, batch);
            var t1 = Stopwatch.GetTimestamp();
            var byLearner = new Dictionary<string, List<JournalEntry>>(StringComparer.Ordinal);
            for (var e = 0; e < batch.Length; e++)
            {
                if (!outcomes[e].Duplicate)
                {
                    if (!byLearner.TryGetValue(batch[e].Learner.Value, out var entries))
                    {
                        byLearner[batch[e].Learner.Value] = entries = [];
                    }
                    entries.Add(JournalEntry.From(batch[e], outcomes[e].Sequence));
                }
            }
            await Task.WhenAll(byLearner.Select(l => grains.GetLearner(tenant, new LearnerId(l.Key)).ApplyAsync(l.Value.ToArray())));
            var t2 = Stopwatch.GetTimestamp();
            append.Record(i, t1 - t0);
            dispatch.Record(i, t2 - t1);
            Interlocked.Add(ref grainsPerBatch, byLearner.Count);
            return new BatchOutcome(outcomes.Count(o => !o.Duplicate), outcomes.Count(o => o.Duplicate));
        });
        report.Ingestion("B'. direct, staged", "the steps of B written out in the bench, timed apart below", result);
        report.Stage($"journal: EventJournal.AppendAsync (queue + group commit + fsync), {options.Clients} concurrent batches", append);
        report.Stage($"dispatch: ApplyAsync on each learner grain of the batch ({(double)grainsPerBatch / batches.Count:0.0} grains per batch)", dispatch);
        report.Stage("whole batch", result.BatchLatency);
    }

    private async Task RecommendAsync(InProcessSilo silo)
    {
        var grains = silo.Get<IGrainFactory>();
        var learners = workload.CourseOfLearner.ToArray();
        var random = new Random(20261129);
        async Task<LatencyResult> Run(string name, int requests, int clients)
        {
            var picks = Enumerable.Range(0, requests).Select(_ => learners[random.Next(learners.Length)]).ToArray();
            return await RequestLoad.RunAsync(name, requests, clients, async i =>
            {
                var (learner, course) = picks[i];
                var list = await grains.GetLearner(new TenantId(Tenant), new LearnerId(learner))
                    .RecommendAsync(new RecommendationRequest(course, 10, null));
                return list.Items.Count;
            });
        }

        Console.WriteLine("Direct: recommendations straight from the grains");
        await Run("warm-up", Math.Min(1000, options.Recommendations), options.Clients);
        report.Recommendations("B. grain call LearnerGrain.RecommendAsync (no HTTP)", await Run("grain-1", options.Recommendations, 1));
        report.Recommendations("B. grain call LearnerGrain.RecommendAsync (no HTTP)", await Run("grain-n", options.Recommendations, options.Clients));
    }

    private static async Task<BatchOutcome> IngestAsync(EventIngestor ingestor, TenantId tenant, LearningEvent[] batch)
    {
        var result = await ingestor.IngestAsync(tenant, batch, CancellationToken.None);
        return new BatchOutcome(result.Accepted, result.Duplicates);
    }

    private void DeleteOrKeep(string folder)
    {
        if (options.Keep)
        {
            Console.WriteLine($"Kept the direct silo's data folder {folder}");
            return;
        }
        Directory.Delete(folder, recursive: true);
    }
}
