namespace Attune.Bench;

/// <summary>One measured run of requests: latency percentiles, and how many answers had at least one recommendation.</summary>
public sealed record LatencyResult(string Name, int Clients, int Requests, int NonEmpty, int Failed, TimeSpan Elapsed, Latencies Latency)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
