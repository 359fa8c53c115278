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
            var items = course.Select(CatalogItem.From).ToList();
            // What an LMS says about its structure is taken as far as it is sound: a prerequisite that names an item this
            // sync did not bring, or closes a cycle, is dropped from that item rather than failing the whole sync.
            for (var round = 0; round < items.Count; round++)
            {
                var problems = CatalogStructureCheck.Problems(course.Key.Value, catalog.ListItems(tenant, course.Key), items);
                if (problems.Count == 0)
                {
                    break;
                }
                foreach (var (index, _, _) in problems)
                {
                    items[index] = items[index] with { Prerequisites = [], PrerequisiteSkills = [] };
                }
            }
            catalog.Upsert(tenant, course.Key, items);
        }
        return entries.Count;
    }

    /// <summary>
    /// Adds entries for items the catalog does not have yet (what pushes say of items that are no learning activity);
    /// an item already described, by a pull or an admin, is left as it is.
    /// </summary>
    public int WriteCatalogIfAbsent(TenantId tenant, IEnumerable<CatalogEntry> entries)
    {
        var written = 0;
        foreach (var course in entries.DistinctBy(e => (e.Course, e.Item)).GroupBy(e => e.Course))
        {
            var known = catalog.ListItems(tenant, course.Key).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var missing = course.Where(e => !known.Contains(e.Item.Value)).ToList();
            if (missing.Count > 0)
            {
                written += WriteCatalog(tenant, missing);
            }
        }
        return written;
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
