using System.Collections.Concurrent;

namespace Attune.Silo.Jobs;

/// <summary>What a running job is doing: phase and percent, per Hangfire job id, for the admin API and the dashboard.</summary>
public sealed record JobProgress(string JobId, string Tenant, string Phase, double Percent, DateTimeOffset UpdatedAt);

/// <summary>Progress of jobs running on this silo. Jobs also copy it to their Hangfire job parameters so every silo can read it.</summary>
public sealed class JobProgressBoard(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, JobProgress> _running = new();

    public void Report(string jobId, string tenant, string phase, double percent) =>
        _running[jobId] = new JobProgress(jobId, tenant, phase, Math.Round(Math.Clamp(percent, 0, 100), 1), clock.GetUtcNow());

    public void Finish(string jobId) => _running.TryRemove(jobId, out _);

    public JobProgress? Get(string jobId) => _running.GetValueOrDefault(jobId);

    public IReadOnlyList<JobProgress> Running => _running.Values.OrderBy(p => p.JobId, StringComparer.Ordinal).ToList();
}
