using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>What one configuration measured: its cold and measured ingestion passes, recommendation latency, and memory.</summary>
/// <param name="StartTime">From starting the first silo until every silo saw all members active.</param>
/// <param name="Cold">The warm-up pass into the freshly started silos, when there was one.</param>
/// <param name="Journaled">The events the PostgreSQL journal holds for the measured tenant (Postgres mode only).</param>
/// <param name="PeakRssMiB">Each silo's peak resident set (VmHWM) after the recommendation runs.</param>
/// <param name="Warnings">Warnings and errors each silo logged during the measurements.</param>
public sealed record ConfigurationResult(
    ClusterConfiguration Configuration,
    TimeSpan StartTime,
    IngestionResult? Cold,
    IngestionResult Ingestion,
    long? Journaled,
    LatencyResult RecommendationsOneClient,
    LatencyResult RecommendationsManyClients,
    double RecommendationCores,
    double[] PeakRssMiB,
    int[] Warnings)
{
    /// <summary>How long the silos took to stop after SIGTERM; set once they have.</summary>
    public TimeSpan? StopTime { get; set; }
}
