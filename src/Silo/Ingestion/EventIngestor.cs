using Attune.Silo.Journal;
using Attune.Silo.Learners;

namespace Attune.Silo.Ingestion;

/// <summary>
/// The way of one batch: append durably to the journal, then hand each learner its new events.
/// The answer depends only on the journal; a dispatch that fails is logged and healed by the grain itself,
/// which reads any gap from the journal on its next event or read.
/// </summary>
public sealed class EventIngestor(EventJournal journal, EventRules rules, KnownLearners known, IGrainFactory grains, ILogger<EventIngestor> logger)
{
    /// <exception cref="EventRefusedException">An event breaks <see cref="EventRules"/>; nothing was written.</exception>
    public async Task<IngestResult> IngestAsync(TenantId tenant, IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken)
    {
        if (rules.FirstProblem(events) is { } problem)
        {
            throw new EventRefusedException(problem.Index, problem.Field, problem.Message);
        }
        var outcomes = await journal.AppendAsync(tenant, events, cancellationToken);

        var duplicates = new List<string>();
        var byLearner = new Dictionary<string, List<JournalEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (outcomes[i].Duplicate)
            {
                duplicates.Add(e.Id);
                continue;
            }
            known.Add(tenant, e.Learner);
            if (!byLearner.TryGetValue(e.Learner.Value, out var entries))
            {
                byLearner[e.Learner.Value] = entries = [];
            }
            entries.Add(JournalEntry.From(e, outcomes[i].Sequence));
        }

        // Durable from here on: the client's cancellation no longer matters, so dispatch runs to completion.
        await Task.WhenAll(byLearner.Select(l => DispatchAsync(tenant, new LearnerId(l.Key), l.Value.ToArray())));
        return new IngestResult(events.Count - duplicates.Count, duplicates.Count, duplicates);
    }

    private async Task DispatchAsync(TenantId tenant, LearnerId learner, JournalEntry[] entries)
    {
        try
        {
            await grains.GetLearner(tenant, learner).ApplyAsync(entries);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Dispatch of {Events} journaled events to learner {Tenant}/{Learner} failed; the grain will read them from the journal",
                entries.Length, tenant.Value, learner.Value);
        }
    }
}

/// <summary>The answer to an accepted batch.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<string> DuplicateIds);
