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
    public async Task<string> RunAsync(string tenant, PerformContext? context, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        var jobId = context?.BackgroundJob.Id ?? "manual";
        var lease = locks.TryAcquire(LockPrefix + tenant);
        if (lease is null)
        {
            var note = $"Skipped: a refactorization of tenant {tenant} is already running.";
            logger.LogInformation("Refactorization job {JobId}: {Note}", jobId, note);
            context?.SetJobParameter("Outcome", note);
            return note;
        }
        using (lease)
        {
            try
            {
                var recommenders = selector.RecommendersOfTenant(tenantId);
                if (recommenders.Count == 0)
                {
                    const string nothing = "Nothing to train: the tenant is served by the baseline.";
                    context?.SetJobParameter("Outcome", nothing);
                    return nothing;
                }
                var notes = new List<string>();
                for (var i = 0; i < recommenders.Count; i++)
                {
                    var share = (From: 100.0 * i / recommenders.Count, Size: 100.0 / recommenders.Count);
                    notes.Add(await RefactorizeAsync(tenantId, recommenders[i], jobId, context, share, cancellationToken));
                }
                var outcome = string.Join(" ", notes);
                context?.SetJobParameter("Outcome", outcome);
                return outcome;
            }
            finally
            {
                board.Finish(jobId);
            }
        }
    }

    private async Task<string> RefactorizeAsync(
        TenantId tenant, string recommender, string jobId, PerformContext? context, (double From, double Size) share, CancellationToken cancellationToken)
    {
        var lastStored = "";
        void Report(string phase, double percentOfRecommender)
        {
            var percent = share.From + share.Size * percentOfRecommender / 100;
            board.Report(jobId, tenant.Value, $"{recommender}: {phase}", percent);
            var text = $"{percent:0}% {recommender}: {phase}";
            if (text != lastStored)
            {
                lastStored = text; // a storage write per whole percent or phase, not per report
                context?.SetJobParameter("Progress", text);
            }
        }

        return await refactorizer.RefactorizeAsync(tenant, recommender, Report, cancellationToken);
    }
}
