using System.Globalization;
using Attune.Plugins;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Jobs;

/// <summary>
/// Fits the models of a tenant's trainable strategies (<see cref="ITrainableStrategy"/>, e.g. knowledge tracing's BKT
/// parameters per skill by EM) from its journal and serves each fit as a new model version, through
/// <see cref="ModelTrainer"/> like a recommender's training. One run per tenant at a time (a second trigger is skipped,
/// not failed), retries with backoff, progress in job parameters. Learners pick a new version up lazily: each strategy
/// state is rebuilt from the learner's journal under it on the learner's next event or read.
/// </summary>
public sealed class StrategyFitJob(
    ModelTrainer trainer,
    PluginSelector selector,
    PluginRegistry registry,
    JobLocks locks,
    JobProgressBoard board,
    ILogger<StrategyFitJob> logger)
{
    public const string LockPrefix = "attune:fit-strategies:";

    /// <summary>
    /// Fits <paramref name="strategy"/>, or every trainable strategy configured for the tenant when it is null. A second
    /// trigger while a fit runs for the same tenant is skipped, not failed.
    /// </summary>
    [JobDisplayName("Fit strategy models of tenant {0} ({1})")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task<string> RunAsync(string tenant, string? strategy, PerformContext? context, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        return PerPluginJob.RunAsync(locks, board, logger, LockPrefix + tenant, tenantId, context,
            skippedNote: $"Skipped: a strategy fit of tenant {tenant} is already running.",
            nothingNote: "Nothing to fit: no strategy serving the tenant has a model.",
            () => strategy is not null
                ? [strategy]
                : selector.StrategiesOfTenant(tenantId).Where(s => registry.Find(s)?.TrainableStrategy is not null).ToList(),
            (name, report) => FitAsync(tenantId, name, report, cancellationToken));
    }

    private async Task<string> FitAsync(TenantId tenant, string strategy, Action<string, double> report, CancellationToken cancellationToken)
    {
        trainer.TrainableStrategy(strategy); // fails the job with the reason when the plugin is gone or cannot be fitted
        report("fitting on the journal", 0);
        var outcome = await trainer.TrainAsync(tenant, strategy, new SynchronousProgress(p => report($"fitting: {p.Phase}", p.Percent * 0.99)),
            cancellationToken, (_, serving) => (true, serving is { } v ? $"refitted; replaces v{v.ToString(CultureInfo.InvariantCulture)}" : "first version"));
        report("published", 100);
        var version = outcome.Version is { } nv ? $"v{nv.ToString(CultureInfo.InvariantCulture)}" : "no model";
        return $"{strategy} {version}: {outcome.Note}.";
    }

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and reorder reports.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
