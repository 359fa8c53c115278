using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Jobs;

/// <summary>
/// The Hangfire side of re-factorising a tenant's models (the work itself is <see cref="Refactorizer"/>): one run per
/// tenant at a time (a second trigger is skipped, not failed), retries with backoff, progress in job parameters.
/// </summary>
public sealed class RefactorizationJob(
    Refactorizer refactorizer,
    PluginSelector selector,
    JobLocks locks,
    JobProgressBoard board,
    ILogger<RefactorizationJob> logger)
{
    public const string LockPrefix = "attune:refactorize:";

    /// <summary>Runs one refactorization. A second trigger while one runs for the same tenant is skipped, not failed.</summary>
    [JobDisplayName("Refactorize tenant {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task<string> RunAsync(string tenant, PerformContext? context, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        return PerPluginJob.RunAsync(locks, board, logger, LockPrefix + tenant, tenantId, context,
            skippedNote: $"Skipped: a refactorization of tenant {tenant} is already running.",
            nothingNote: "Nothing to train: the tenant is served by the baseline.",
            () => selector.RecommendersOfTenant(tenantId),
            (recommender, report) => refactorizer.RefactorizeAsync(tenantId, recommender, report, cancellationToken));
    }
}
