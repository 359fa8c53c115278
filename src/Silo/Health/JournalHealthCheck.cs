using Attune.Silo.Database;
using Attune.Silo.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Attune.Silo.Health;

/// <summary>Healthy when the journal database answers a query.</summary>
public sealed class JournalHealthCheck(EventJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = journal.Database.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM events LIMIT 1) AS probe";
            cmd.ExecuteScalar();
            return Task.FromResult(HealthCheckResult.Healthy($"{journal.Database.Provider} journal at {journal.Database.Location}, schema version {journal.Database.SchemaVersion}"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{journal.Database.Provider} journal unreachable", ex));
        }
    }
}
