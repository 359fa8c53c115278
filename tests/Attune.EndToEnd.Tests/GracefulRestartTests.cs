using System.Net;
using System.Text.Json.Nodes;

namespace Attune.EndToEnd.Tests;

/// <summary>A silo stopped with SIGTERM snapshots its learners on the way down and comes back with the same state.</summary>
public sealed class GracefulRestartTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const int Learners = 30;

    [Fact]
    public async Task GracefulRestartKeepsEveryLearnersModel()
    {
        var silo = fixture.Silo;
        var client = fixture.UniClient;
        var learners = Enumerable.Range(0, Learners).Select(l => $"calm-{l:D2}").ToArray();
        for (var round = 0; round < 3; round++)
        {
            var events = Enumerable.Range(0, 100).Select(i => Event(round, i, learners[(i * 7 + round) % Learners]));
            var ack = await client.PostEventsOkAsync(events);
            Assert.Equal(100, ack.Accepted);
        }
        var before = new Dictionary<string, JsonNode>();
        foreach (var learner in learners)
        {
            before[learner] = await ReadModelAsync(client, learner);
        }

        var exitCode = await silo.StopAsync(TimeSpan.FromSeconds(60));
        await silo.StartAsync();

        Assert.True(exitCode == 0, $"the silo exited with {exitCode} after SIGTERM\n{silo.Output}");
        var snapshots = silo.GrainStates.LearnerSnapshots();
        var unsaved = learners.Where(l => !snapshots.Any(id => id.EndsWith($"/{SiloFixture.Uni}/{l}", StringComparison.Ordinal))).ToList();
        Assert.True(unsaved.Count == 0, $"no snapshot was written on shutdown for {string.Join(", ", unsaved)}; stored: {string.Join(", ", snapshots.Take(5))}");
        foreach (var learner in learners)
        {
            var after = await ReadModelAsync(client, learner);
            Assert.True(JsonNode.DeepEquals(before[learner], after), $"{learner} changed across the restart:\nbefore {before[learner]}\nafter  {after}");
        }

        // The journal's per-learner sequence resumes where it stopped, so new events still apply.
        var first = learners[0];
        var next = await client.PostEventsOkAsync([new("calm-after-restart", first, "item-1", "completed", TestEvent.Day.AddDays(1), "calm101", 1, 60)]);
        var model = await client.GetLearnerOkAsync(first);
        Assert.Equal(1, next.Accepted);
        var applied = before[first]["eventsApplied"]!.GetValue<long>();
        Assert.Equal((applied + 1, applied + 1), (model.EventsApplied, model.LastSequence));
    }

    private static TestEvent Event(int round, int i, string learner)
    {
        string[] kinds = ["viewed", "started", "answered", "submitted", "graded", "completed", "reviewed"];
        var n = round * 100 + i;
        return new TestEvent(
            $"calm-{n}",
            learner,
            $"item-{n % 9}",
            kinds[n % kinds.Length],
            TestEvent.Day.AddMinutes(n * 7),
            n % 5 == 0 ? null : $"calm{101 + n % 2}",
            n % 3 == 0 ? null : (n % 11) / 10.0,
            n % 4 == 0 ? null : 30 + n,
            n % 2 == 0 ? ["skill-a", $"skill-{n % 5}"] : null);
    }

    private static async Task<JsonNode> ReadModelAsync(TenantClient client, string learner)
    {
        using var response = await client.GetLearnerAsync(learner);
        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, client.Silo);
        return JsonNode.Parse(body)!;
    }
}
