using Attune.Silo.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Bench;

/// <summary>
/// The journal without grains or HTTP: <see cref="EventJournal"/> with its group commit, against the same SQL
/// committed one transaction per batch, and the cost of one durable commit on this disk.
/// </summary>
public sealed class JournalBench(BenchOptions options, OuladWorkload workload, Report report)
{
    private const string Tenant = "bench";

    public async Task RunAsync()
    {
        var batches = workload.Batches(options.BatchSize);
        var sizes = batches.Select(b => b.Length).ToArray();
        report.Waited("C", await IdleWait.UntilIdleAsync(options.WaitIdle));
        var data = Directory.CreateTempSubdirectory("attune-bench-journal-").FullName;
        try
        {
            Console.WriteLine($"Journal: EventJournal.AppendAsync alone, {options.Clients} tasks");
            await using (var journal = new EventJournal(Path.Combine(data, "group.db"), TimeProvider.System, NullLogger<EventJournal>.Instance))
            {
                var tenant = new TenantId(Tenant);
                var result = await ConcurrentLoad.RunAsync("journal", sizes, options.Clients, async i =>
                {
                    var outcomes = await journal.AppendAsync(tenant, batches[i]);
                    var duplicates = outcomes.Count(o => o.Duplicate);
                    return new BatchOutcome(outcomes.Length - duplicates, duplicates);
                });
                report.Ingestion("C. journal alone", "EventJournal.AppendAsync: group commit (one writer drains all waiting batches into one transaction, one fsync)", result);
            }

            Console.WriteLine($"Journal: one transaction per batch (no group commit), {options.Clients} tasks");
            using (var baseline = new OneTransactionPerBatchJournal(Path.Combine(data, "baseline.db")))
            {
                var result = await ConcurrentLoad.RunAsync("baseline", sizes, options.Clients, i => baseline.AppendAsync(Tenant, batches[i]));
                report.Ingestion("D. baseline: one transaction per batch",
                    "the journal's SQL and SQLite settings (WAL, synchronous=FULL), each batch its own transaction and fsync, writers in turn", result);
            }

            using (var floor = new OneTransactionPerBatchJournal(Path.Combine(data, "floor.db")))
            {
                var singles = workload.Events.Take(300).Select(e => new[] { e }).ToArray();
                var result = await ConcurrentLoad.RunAsync("floor", singles.Select(s => s.Length).ToArray(), 1, i => floor.AppendAsync(Tenant, singles[i]));
                report.Ingestion("E. commit floor", "one event per transaction, one client: the price of one durable commit on this disk", result);
            }
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"Kept the journal bench's data folder {data}");
            }
            else
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
