using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Silo.Health;

/// <summary>Healthy while this silo is an active member of its Orleans cluster.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var active = oracle.GetApproximateSiloStatuses(onlyActive: true).Count;
        var description = $"silo {status}; {active} active silo(s) in the cluster";
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(description));
    }
}
