using Attune.Silo.Catalog;
using Attune.Silo.Ingestion;

namespace Attune.Silo.Connections;

/// <summary>Writes what an LMS adapter produced: catalog entries into the course catalog, events through normal ingestion.</summary>
public sealed class LmsIngestion(CourseCatalog catalog, EventIngestor ingestor)
{
    private const int BatchSize = 1000;

    public int WriteCatalog(TenantId tenant, IReadOnlyList<CatalogEntry> entries)
    {
        foreach (var course in entries.GroupBy(e => e.Course))
        {
            catalog.Upsert(tenant, course.Key, course
                .Select(e => new CatalogItem(e.Item.Value, e.Title, e.Kind, e.EstimatedMinutes, e.Skills.Select(s => s.Value).ToList(), e.DueAt))
                .ToList());
        }
        return entries.Count;
    }

    /// <summary>Appends the events in batches; returns (accepted, duplicates). Each batch is durable before the next starts.</summary>
    public async Task<(long Accepted, long Duplicates)> WriteEventsAsync(TenantId tenant, IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken)
    {
        long accepted = 0, duplicates = 0;
        for (var start = 0; start < events.Count; start += BatchSize)
        {
            var batch = events.Skip(start).Take(BatchSize).ToList();
            var result = await ingestor.IngestAsync(tenant, batch, cancellationToken);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
        }
        return (accepted, duplicates);
    }
}
