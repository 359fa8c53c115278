using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Production mode: three silo processes, one PostgreSQL journal, membership in Redis. Load goes to every silo, one
/// silo is killed with SIGKILL, and every learner must still equal the journal, learner by learner.
/// </summary>
public sealed class ClusterTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Clients = 6;
    private const int BatchSize = 50;
    private const int Learners = 300;
    private const int AcknowledgedBeforeKill = 200;
    private const int Victim = 1;
    private static readonly TimeSpan LoadAfterKill = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaximumLoad = TimeSpan.FromSeconds(40);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentQueue<LoadBatch> _acknowledged = new();
    private readonly ConcurrentQueue<LoadBatch> _unacknowledged = new();
    private readonly ConcurrentQueue<string> _surprises = new();
    private int _killed;
    private int _stop;

    [Fact]
    public async Task LoadOnEverySiloThenKillingOneLosesNoAcknowledgedEventAndAppliesNoneTwice()
    {
        var load = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => PostAsync(c))).ToArray();
        while (load.Elapsed < MaximumLoad && _acknowledged.Count < AcknowledgedBeforeKill && !clients.Any(c => c.IsCompleted))
        {
            await Task.Delay(20);
        }
        Volatile.Write(ref _killed, 1);
        await fixture.Silos[Victim].KillAsync();
        var killedAt = Stopwatch.StartNew();
        await Task.Delay(LoadAfterKill);
        Volatile.Write(ref _stop, 1);
        await Task.WhenAll(clients);
        output.WriteLine($"Killed silo {Victim} after {load.Elapsed.TotalSeconds:0.0} s of load: {_acknowledged.Count} batches acknowledged, {_unacknowledged.Count} not.");
        Assert.True(_surprises.IsEmpty, "Surviving silos failed requests (or a silo failed before the kill):\n" +
            string.Join('\n', _surprises.Take(10)) + "\n" + string.Join('\n', fixture.Silos.Select(s => s.Output)));
        Assert.True(_acknowledged.Count >= AcknowledgedBeforeKill / 2, $"only {_acknowledged.Count} batches were acknowledged");

        var survivors = fixture.Silos.Where((_, i) => i != Victim).ToArray();

        var journal = fixture.Journal.ReadEvents(SiloFixture.Uni);
        LearnerAudit.AssertJournalKeptItsWord(journal, _acknowledged, _unacknowledged, BatchSize);

        // Every learner, asked on either survivor while the cluster may not yet have noticed the death: reads of the dead
        // silo's learners wait it out and answer once they have reactivated on a survivor from snapshot + journal.
        var learners = Enumerable.Range(0, Learners).Select(LoadBatch.Learner).ToList();
        var mismatches = await LearnerAudit.MismatchesAsync(journal, learners,
            learner => new TenantClient(survivors[learner.GetHashCode() & 1], SiloFixture.UniKey), Clients);
        output.WriteLine($"Every learner answered from the survivors {killedAt.Elapsed.TotalSeconds:0.0} s after the kill.");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} learners differ from the journal:\n{string.Join('\n', mismatches.Take(10))}\n" +
            string.Join('\n', survivors.Select(s => s.Output)));
        foreach (var survivor in survivors)
        {
            await ClusterFixture.WaitForMembersAsync(survivor, ClusterFixture.Size - 1, TimeSpan.FromSeconds(90));
        }
        output.WriteLine($"Survivors counted 2 members {killedAt.Elapsed.TotalSeconds:0.0} s after the kill.");

        // The lost in-flight batches, redelivered to a survivor, complete the journal exactly once.
        foreach (var batch in _unacknowledged)
        {
            var again = await new TenantClient(survivors[0], SiloFixture.UniKey).PostEventsOkAsync(batch.Events);
            Assert.Equal(BatchSize, again.Accepted + again.Duplicates);
        }
        var final = fixture.Journal.ReadEvents(SiloFixture.Uni);
        Assert.Equal((_acknowledged.Count + _unacknowledged.Count) * BatchSize, final.Count);
        mismatches = await LearnerAudit.MismatchesAsync(final, learners, learner => new TenantClient(survivors[0], SiloFixture.UniKey), Clients);
        Assert.True(mismatches.Count == 0, $"after redelivery {mismatches.Count} learners differ:\n{string.Join('\n', mismatches.Take(10))}");
    }

    [Fact]
    public async Task ARecurringJobFiresOnceAcrossTheClusterAndItsModelReachesEverySilo()
    {
        // Tenant "other" is refactorized every minute by whichever silo's Hangfire server takes it: one version a minute.
        await new TenantClient(fixture.Silos[0], SiloFixture.OtherKey).PostEventsOkAsync(
            Enumerable.Range(0, 20).Select(i => new TestEvent($"r{i}", $"learner-{i % 4}", $"item-{i % 5}", "completed", TestEvent.Day.AddMinutes(i), "bio101")));
        var admin = fixture.Admin(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(80);
        List<JsonElement> versions;
        while ((versions = await admin.VersionsAsync(SiloFixture.Other)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the recurring refactorization never ran\n" + fixture.Silos[0].Output);
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // time for any other silo to have fired the same occurrence

        versions = await admin.VersionsAsync(SiloFixture.Other);
        var minutes = versions.Select(v => v.GetProperty("createdAt").GetDateTimeOffset())
            .GroupBy(t => new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero)).ToList();
        Assert.All(minutes, m => Assert.True(m.Count() == 1, $"{m.Count()} versions were trained in the minute {m.Key:HH:mm}: the job fired more than once"));

        // The version trained on one silo serves on every live silo.
        var serving = versions.Single(v => v.GetProperty("serving").GetBoolean()).GetProperty("version").GetInt64();
        foreach (var silo in fixture.Silos.Where(s => s.IsRunning))
        {
            var client = new TenantClient(silo, SiloFixture.OtherKey);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            RecommendationsView recommendations;
            while ((recommendations = await client.GetRecommendationsOkAsync("learner-0", "?course=bio101")).Plugins.ModelVersion < serving)
            {
                Assert.True(DateTime.UtcNow < until, $"a silo still serves model version {recommendations.Plugins.ModelVersion}, not {serving}\n{silo.Output}");
                await Task.Delay(250);
            }
            Assert.Equal(serving, recommendations.Plugins.ModelVersion);
        }
    }

    private async Task PostAsync(int client)
    {
        for (var number = 0; Volatile.Read(ref _stop) == 0; number++)
        {
            var batch = LoadBatch.Make(client, number, BatchSize, Learners);
            // Round robin over the silos, leaving out the dead one once its failure has been seen.
            var target = (client + number) % ClusterFixture.Size;
            if (target == Victim && Volatile.Read(ref _killed) == 1)
            {
                target = (target + 1) % ClusterFixture.Size;
            }
            try
            {
                using var response = await fixture.Client(target).PostEventsAsync(batch.Events);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _unacknowledged.Enqueue(batch);
                    _surprises.Enqueue($"silo {target}, batch {batch.Name}: {(int)response.StatusCode} {body}");
                    continue;
                }
                var ack = JsonSerializer.Deserialize<IngestResponse>(body, Json)!;
                if (ack.Accepted != BatchSize)
                {
                    _surprises.Enqueue($"silo {target}, batch {batch.Name} of new events: accepted {ack.Accepted}, duplicates {ack.Duplicates}");
                }
                _acknowledged.Enqueue(batch);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                _unacknowledged.Enqueue(batch);
                if (target != Victim || Volatile.Read(ref _killed) == 0)
                {
                    _surprises.Enqueue($"silo {target} (a survivor), batch {batch.Name}: {ex.Message}");
                }
            }
        }
    }
}
