using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>Compares every learner's model, as the API returns it, with the journal: every event applied once, in sequence, none missing.</summary>
public static class LearnerAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One line per learner whose journal or model is wrong; empty when all agree.</summary>
    /// <param name="clientFor">The client to ask about a learner (any silo of a cluster).</param>
    public static async Task<List<string>> MismatchesAsync(
        List<JournalRow> journal, IEnumerable<string> learners, Func<string, TenantClient> clientFor, int parallelism)
    {
        var byLearner = journal.GroupBy(r => r.Learner).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var mismatches = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(learners, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (learner, _) =>
        {
            var rows = byLearner.GetValueOrDefault(learner) ?? [];
            var sequences = rows.Select(r => r.LearnerSequence).Order().ToArray();
            if (!sequences.SequenceEqual(Enumerable.Range(1, rows.Count).Select(s => (long)s)))
            {
                mismatches.Enqueue($"{learner}: the journal's sequences are not 1..{rows.Count}");
            }
            using var response = await clientFor(learner).GetLearnerAsync(learner);
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
        return mismatches.ToList();
    }

    /// <summary>
    /// The journal against what clients were told: no event twice, every acknowledged event in it, every unacknowledged
    /// batch wholly in or wholly out, nothing else. Returns how many unacknowledged batches were durable all the same.
    /// </summary>
    public static int AssertJournalKeptItsWord(
        List<JournalRow> journal, IReadOnlyCollection<LoadBatch> acknowledged, IEnumerable<LoadBatch> unacknowledged, int batchSize)
    {
        var journaled = journal.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(journal.Count, journaled.Count);
        var lost = acknowledged.SelectMany(b => b.Ids).Where(id => !journaled.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged events are not in the journal, e.g. {string.Join(", ", lost.Take(5))}");
        var durableButUnacknowledged = 0;
        foreach (var batch in unacknowledged)
        {
            var present = batch.Ids.Count(journaled.Contains);
            Assert.True(present == 0 || present == batchSize, $"batch {batch.Name} is half in the journal: {present} of {batchSize} events");
            durableButUnacknowledged += present == batchSize ? 1 : 0;
        }
        Assert.Equal((acknowledged.Count + durableButUnacknowledged) * batchSize, journal.Count);
        return durableButUnacknowledged;
    }

    private static string Show(IDictionary<string, long> counts) =>
        "{" + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")) + "}";
}
