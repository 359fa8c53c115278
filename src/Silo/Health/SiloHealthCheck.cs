using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Silo.Health;

/// <summary>Healthy while this silo is an active member of its Orleans cluster.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var active = oracle.GetApproximateSiloStatuses(onlyActive: true).Keys.Select(s => s.ToParsableString()).Order(StringComparer.Ordinal).ToList();
        var description = $"silo {oracle.SiloAddress.ToParsableString()} {status}; {active.Count} active silo(s) in the cluster: {string.Join(", ", active)}";
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(description));
    }
}
