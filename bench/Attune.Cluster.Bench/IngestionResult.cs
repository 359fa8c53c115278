using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>An ingestion pass, with the CPU the PostgreSQL and Redis servers used meanwhile (the load itself counts the silos' and the bench's).</summary>
public sealed record IngestionResult(LoadResult Load, double ServiceCpuSeconds);
