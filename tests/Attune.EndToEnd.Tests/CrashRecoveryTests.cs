using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Nothing acknowledged is lost and nothing is applied twice, even when the silo is killed mid-stream: a 2xx means
/// the batch is in the journal, and every learner converges to exactly the journal after a restart.
/// </summary>
public sealed class CrashRecoveryTests(FrequentSnapshotSiloFixture fixture, ITestOutputHelper output) : IClassFixture<FrequentSnapshotSiloFixture>
{
    private const int Clients = 8;
    private const int BatchSize = 50;
    private const int Learners = 200;
    private const int AcknowledgedBeforeKill = 300;
    private const int MinimumAcknowledged = 100;
    private const int MaxBatchesPerClient = 5_000;
    private static readonly TimeSpan MinimumLoad = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaximumLoad = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SiloProcess _silo = fixture.Silo;
    private readonly TenantClient _client = fixture.UniClient;
    private readonly ConcurrentQueue<LoadBatch> _acknowledged = new();
    private readonly ConcurrentQueue<LoadBatch> _unacknowledged = new();
    private readonly ConcurrentQueue<string> _surprises = new();
    private int _killed;

    [Fact]
    public async Task KilledSiloLosesNoAcknowledgedEventAndAppliesNoneTwice()
    {
        var load = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => PostUntilFailureAsync(c))).ToArray();
        while (load.Elapsed < MaximumLoad && (load.Elapsed < MinimumLoad || _acknowledged.Count < AcknowledgedBeforeKill) &&
               !clients.Any(c => c.IsCompleted))
        {
            await Task.Delay(20);
        }
        Volatile.Write(ref _killed, 1);
        await _silo.KillAsync();
        await Task.WhenAll(clients);
        output.WriteLine($"Killed after {load.Elapsed.TotalSeconds:0.0} s: {_acknowledged.Count} batches acknowledged, {_unacknowledged.Count} not.");
        Assert.True(_surprises.IsEmpty, "Before the kill the silo failed requests:\n" + string.Join('\n', _surprises.Take(10)) + "\n" + _silo.Output);
        Assert.True(_acknowledged.Count >= MinimumAcknowledged,
            $"only {_acknowledged.Count} batches were acknowledged before the kill; the test needs {MinimumAcknowledged} to mean anything\n{_silo.Output}");

        await _silo.StartAsync();

        var journal = fixture.Journal.ReadEvents(SiloFixture.Uni);
        var journaled = journal.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
        var durableButUnacknowledged = LearnerAudit.AssertJournalKeptItsWord(journal, _acknowledged, _unacknowledged, BatchSize);
        output.WriteLine($"{durableButUnacknowledged} of the unacknowledged batches had been committed before the kill.");
        await AssertLearnersMatchJournalAsync(journal);

        await Parallel.ForEachAsync(_acknowledged, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (batch, _) =>
        {
            var again = await _client.PostEventsOkAsync(batch.Events);
            Assert.True(again.Accepted == 0 && again.Duplicates == BatchSize && again.DuplicateIds.ToHashSet().SetEquals(batch.Ids),
                $"redelivering acknowledged batch {batch.Name} answered accepted {again.Accepted}, duplicates {again.Duplicates}");
        });
        foreach (var batch in _unacknowledged)
        {
            var again = await _client.PostEventsOkAsync(batch.Events);
            var wasDurable = batch.Ids.All(journaled.Contains);
            Assert.Equal(BatchSize, again.Accepted + again.Duplicates);
            Assert.Equal(wasDurable ? (0, BatchSize) : (BatchSize, 0), (again.Accepted, again.Duplicates));
        }

        var final = fixture.Journal.ReadEvents(SiloFixture.Uni);
        Assert.Equal((_acknowledged.Count + _unacknowledged.Count) * BatchSize, final.Count);
        await AssertLearnersMatchJournalAsync(final);
    }

    private async Task PostUntilFailureAsync(int client)
    {
        for (var number = 0; number < MaxBatchesPerClient; number++)
        {
            var batch = LoadBatch.Make(client, number, BatchSize, Learners);
            try
            {
                using var response = await _client.PostEventsAsync(batch.Events);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _unacknowledged.Enqueue(batch);
                    _surprises.Enqueue($"batch {batch.Name}: {(int)response.StatusCode} {body}");
                    return;
                }
                var ack = JsonSerializer.Deserialize<IngestResponse>(body, Json)!;
                if (ack.Accepted != BatchSize)
                {
                    _surprises.Enqueue($"batch {batch.Name} of new events: accepted {ack.Accepted}, duplicates {ack.Duplicates}");
                }
                _acknowledged.Enqueue(batch);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                _unacknowledged.Enqueue(batch);
                if (Volatile.Read(ref _killed) == 0)
                {
                    _surprises.Enqueue($"batch {batch.Name} failed before the kill: {ex}");
                }
                return;
            }
        }
    }

    private async Task AssertLearnersMatchJournalAsync(List<JournalRow> journal)
    {
        var mismatches = await LearnerAudit.MismatchesAsync(journal, Enumerable.Range(0, Learners).Select(LoadBatch.Learner), _ => _client, Clients);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} learners differ from the journal:\n{string.Join('\n', mismatches.Take(10))}\n{_silo.Output}");
    }
}
