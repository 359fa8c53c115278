namespace Attune.Bench;

/// <summary>One measured ingestion run: how many events in how long, per-batch latency, and the CPU it took.</summary>
/// <param name="ServerCpuSeconds">CPU of the silo process, when it is a process of its own; otherwise all CPU is in <paramref name="ClientCpuSeconds"/>.</param>
/// <param name="ClientCpuSeconds">CPU of this process (the clients, and in the direct modes the silo too).</param>
/// <param name="Machine">How the whole machine's CPU time was spent meanwhile (see <see cref="MachineCpu"/>).</param>
public sealed record LoadResult(
    string Name,
    int Events,
    int Accepted,
    int Duplicates,
    int Failed,
    TimeSpan Elapsed,
    Latencies BatchLatency,
    double? ServerCpuSeconds,
    double ClientCpuSeconds,
    string Machine)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
