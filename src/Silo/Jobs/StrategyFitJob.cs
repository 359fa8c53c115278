using System.Globalization;
using Attune.Plugins;
using Attune.Silo.Catalog;
using Attune.Silo.Journal;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

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
    ModelStore store,
    EventJournal journal,
    CourseCatalog catalog,
    PluginSelector selector,
    PluginRegistry registry,
    JobLocks locks,
    JobProgressBoard board,
    IOptions<JobOptions> options,
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
        var plugin = trainer.TrainableStrategy(strategy); // fails the job with the reason when the plugin is gone or cannot be fitted
        var metrics = plugin.Strategy is IEvaluatesStrategyModel evaluator
            ? await MeasureOnHoldoutAsync(tenant, plugin, evaluator, report, cancellationToken)
            : [];
        report("fitting on the journal", 50);
        var outcome = await trainer.TrainAsync(tenant, strategy, new SynchronousProgress(p => report($"fitting: {p.Phase}", 50 + p.Percent * 0.49)),
            cancellationToken, (_, serving) => Decide(metrics, serving), metrics);
        report("published", 100);
        var version = outcome.Version is { } nv ? $"v{nv.ToString(CultureInfo.InvariantCulture)}" : "no model";
        return $"{strategy} {version}: {outcome.Note}.";
    }

    /// <summary>
    /// Fits on the journal before the holdout (the newest <see cref="StrategyFitOptions.HoldoutFraction"/>, and nothing the
    /// serving version was fitted on) and measures that fit and the serving model on the held-out events.
    /// </summary>
    private async Task<Dictionary<string, double>> MeasureOnHoldoutAsync(
        TenantId tenant, Plugins.LoadedPlugin plugin, IEvaluatesStrategyModel evaluator, Action<string, double> report, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, double>();
        var serving = store.ServingVersion(tenant, plugin.Name);
        var cut = Math.Max(journal.PositionAtFraction(tenant, 1 - options.Value.FitStrategies.HoldoutFraction),
            serving is { } sv ? store.TrainedUpTo(tenant, plugin.Name, sv) : 0);
        if (options.Value.FitStrategies.HoldoutFraction <= 0 || cut <= 0 || cut >= journal.LastPosition(tenant))
        {
            return metrics;
        }
        report("fitting on the journal before the holdout", 0);
        var (heldOut, _, _) = await trainer.TrainArtifactAsync(tenant, plugin, cut, new SynchronousProgress(p => report($"holdout fit: {p.Phase}", p.Percent * 0.35)), cancellationToken);
        if (heldOut is null)
        {
            return metrics;
        }
        var entries = catalog.ListTenant(tenant);
        report("measuring the new fit on the holdout", 35);
        var fresh = await evaluator.EvaluateAsync(plugin.TrainableStrategy!.LoadModel(heldOut), new JournalInteractionSource(journal, tenant, cut),
            new JournalInteractionSource(journal, tenant, long.MaxValue, cut), entries, cancellationToken);
        metrics["holdout_loss"] = Math.Round(fresh.Loss, 6);
        metrics["holdout_predictions"] = fresh.Predictions;
        foreach (var (name, value) in fresh.Metrics)
        {
            metrics["holdout_" + name] = value;
        }
        if (serving is { } v && store.Load(tenant, plugin.Name, v) is { } previous)
        {
            report("measuring the serving model on the holdout", 45);
            try
            {
                var old = await evaluator.EvaluateAsync(plugin.TrainableStrategy.LoadModel(previous), new JournalInteractionSource(journal, tenant, cut),
                    new JournalInteractionSource(journal, tenant, long.MaxValue, cut), entries, cancellationToken);
                metrics["previous_holdout_loss"] = Math.Round(old.Loss, 6);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A model the current plugin version cannot read cannot be compared: the new one is promoted.
                logger.LogWarning(ex, "The serving model v{Version} of {Strategy} could not be measured", v, plugin.Label);
            }
        }
        return metrics;
    }

    private static (bool Serve, string Note) Decide(Dictionary<string, double> metrics, long? serving)
    {
        if (serving is not { } v)
        {
            return (true, "first version");
        }
        var replaces = $"replaces v{v.ToString(CultureInfo.InvariantCulture)}";
        if (!metrics.TryGetValue("holdout_loss", out var fresh) || !metrics.TryGetValue("previous_holdout_loss", out var old))
        {
            return (true, $"refitted, no holdout comparison possible; {replaces}");
        }
        return fresh <= old + 1e-9
            ? (true, string.Create(CultureInfo.InvariantCulture, $"holdout loss {fresh:0.####} <= serving {old:0.####}; {replaces}"))
            : (false, string.Create(CultureInfo.InvariantCulture, $"kept, not promoted: holdout loss {fresh:0.####} > serving {old:0.####}"));
    }

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and reorder reports.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
