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
    private static readonly string[] Kinds = ["viewed", "started", "answered", "completed", "reviewed"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SiloProcess _silo = fixture.Silo;
    private readonly TenantClient _client = fixture.UniClient;
    private readonly ConcurrentQueue<Batch> _acknowledged = new();
    private readonly ConcurrentQueue<Batch> _unacknowledged = new();
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
        Assert.Equal(journal.Count, journaled.Count);
        var lost = _acknowledged.SelectMany(b => b.Ids).Where(id => !journaled.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged events are not in the journal, e.g. {string.Join(", ", lost.Take(5))}");
        var durableButUnacknowledged = 0;
        foreach (var batch in _unacknowledged)
        {
            var present = batch.Ids.Count(journaled.Contains);
            Assert.True(present is 0 or BatchSize, $"batch {batch.Name} is half in the journal: {present} of {BatchSize} events");
            durableButUnacknowledged += present == BatchSize ? 1 : 0;
        }
        output.WriteLine($"{durableButUnacknowledged} of the unacknowledged batches had been committed before the kill.");
        Assert.Equal((_acknowledged.Count + durableButUnacknowledged) * BatchSize, journal.Count);
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
            var batch = Batch.Make(client, number);
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

    /// <summary>Every learner's model must be exactly its journal: every event applied once, in sequence, none missing.</summary>
    private async Task AssertLearnersMatchJournalAsync(List<JournalRow> journal)
    {
        var byLearner = journal.GroupBy(r => r.Learner).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var mismatches = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Learners).Select(Batch.Learner), new ParallelOptions { MaxDegreeOfParallelism = Clients },
            async (learner, _) =>
            {
                var rows = byLearner.GetValueOrDefault(learner) ?? [];
                var sequences = rows.Select(r => r.LearnerSequence).Order().ToArray();
                if (!sequences.SequenceEqual(Enumerable.Range(1, rows.Count).Select(s => (long)s)))
                {
                    mismatches.Enqueue($"{learner}: the journal's sequences are not 1..{rows.Count}");
                }
                using var response = await _client.GetLearnerAsync(learner);
                var body = await response.Content.ReadAsStringAsync();
                if (rows.Count == 0)
                {
                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        mismatches.Enqueue($"{learner}: no events journaled, but GET answered {(int)response.StatusCode}");
                    }
                    return;
                }
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    mismatches.Enqueue($"{learner}: GET answered {(int)response.StatusCode} {body}");
                    return;
                }
                var model = JsonSerializer.Deserialize<LearnerView>(body, Json)!;
                var kinds = rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
                if (model.EventsApplied != rows.Count || model.LastSequence != sequences[^1] ||
                    !kinds.OrderBy(k => k.Key).SequenceEqual(model.CountsByKind.OrderBy(k => k.Key)))
                {
                    mismatches.Enqueue($"{learner}: journal has {rows.Count} events up to sequence {sequences[^1]}, " +
                        $"model applied {model.EventsApplied} up to {model.LastSequence}; kinds {Show(kinds)} vs {Show(model.CountsByKind)}");
                }
            });
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} learners differ from the journal:\n{string.Join('\n', mismatches.Take(10))}\n{_silo.Output}");
    }

    private static string Show(IDictionary<string, long> counts) =>
        "{" + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")) + "}";

    /// <summary>One client's numbered batch: 50 new events spread over the 200 learners, with ids unique to it.</summary>
    private sealed record Batch(string Name, TestEvent[] Events)
    {
        public IEnumerable<string> Ids => Events.Select(e => e.Id);

        public static string Learner(int n) => $"learner-{n:D3}";

        public static Batch Make(int client, int number)
        {
            var random = new Random(client * 100_003 + number);
            var name = $"c{client}-b{number}";
            var events = new TestEvent[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                var kind = Kinds[random.Next(Kinds.Length)];
                events[i] = new TestEvent(
                    $"{name}-e{i}",
                    Learner(random.Next(Learners)),
                    $"item-{random.Next(30)}",
                    kind,
                    TestEvent.Day.AddSeconds(number * BatchSize + i),
                    "chem101",
                    kind is "answered" or "completed" ? Math.Round(random.NextDouble(), 2) : null,
                    random.Next(10, 600));
            }
            return new Batch(name, events);
        }
    }
}
