using System.Globalization;
using Attune.Plugins;
using Attune.Silo.Jobs;
using Attune.Silo.Journal;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>
/// Re-factorises one recommender of a tenant: train on all but the newest share of the journal and measure Recall@20 on
/// that holdout (the serving model too, on the same holdout), then train on everything and store the new version,
/// serving only if it did not score worse. Ingestion never pauses: training reads committed journal pages, and learners
/// keep the old model until the new version is published.
/// </summary>
public sealed class Refactorizer(ModelTrainer trainer, ModelStore store, HoldoutEvaluator evaluator, EventJournal journal, IOptions<JobOptions> options, ILogger<Refactorizer> logger)
{
    /// <param name="report">Phase and percent (0-100) of this recommender's run.</param>
    public async Task<string> RefactorizeAsync(TenantId tenant, string recommender, Action<string, double> report, CancellationToken cancellationToken)
    {
        var plugin = trainer.Recommender(recommender);
        void Report(string phase, double percent) => report(phase, percent);
        var options1 = options.Value.Refactorize;
        var metrics = new Dictionary<string, double>();
        var servingVersion = store.ServingVersion(tenant, recommender);
        // The holdout is what neither model has seen: after the 90% point and after what the serving version was
        // trained on. With nothing new since the serving version, there is nothing fair to compare on.
        var cut = Math.Max(journal.PositionAtFraction(tenant, 1 - options1.HoldoutFraction),
            servingVersion is { } sv ? store.TrainedUpTo(tenant, recommender, sv) : 0);
        if (cut > 0 && options1.HoldoutFraction > 0 && cut < journal.LastPosition(tenant))
        {
            Report("training on the journal before the holdout", 0);
            var (heldOut, _, _) = await trainer.TrainArtifactAsync(tenant, plugin, cut, Scaled(p => Report($"holdout training: {p.Phase}", p.Percent * 0.4)), cancellationToken);
            if (heldOut is not null)
            {
                Report("measuring the new model on the holdout", 40);
                var fresh = await evaluator.EvaluateAsync(tenant, plugin, heldOut, cut, options1.HoldoutLearners, cancellationToken);
                metrics["holdout_recall@20"] = fresh.RecallAt20;
                metrics["holdout_learners"] = fresh.Learners;
                if (servingVersion is { } v && store.Load(tenant, recommender, v) is { } previous)
                {
                    Report("measuring the serving model on the holdout", 45);
                    try
                    {
                        var old = await evaluator.EvaluateAsync(tenant, plugin, previous, cut, options1.HoldoutLearners, cancellationToken);
                        metrics["previous_holdout_recall@20"] = old.RecallAt20;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // An artifact the current plugin version cannot read cannot be compared: the new one is promoted.
                        logger.LogWarning(ex, "The serving model v{Version} of {Recommender} could not be measured", v, recommender);
                    }
                }
            }
        }

        Report("training on the whole journal", 50);
        var outcome = await trainer.TrainAsync(tenant, recommender, Scaled(p => Report($"training: {p.Phase}", 50 + p.Percent * 0.45)), cancellationToken,
            (_, serving) => Decide(metrics, serving), metrics);
        Report("published", 100);
        var version = outcome.Version is { } nv ? $"v{nv.ToString(CultureInfo.InvariantCulture)}" : "no model";
        return $"{recommender} {version}: {outcome.Note}.";
    }

    private static (bool Serve, string Note) Decide(Dictionary<string, double> metrics, long? serving)
    {
        if (serving is null)
        {
            return (true, "first version");
        }
        if (!metrics.TryGetValue("holdout_recall@20", out var fresh) || !metrics.TryGetValue("previous_holdout_recall@20", out var old))
        {
            return (true, "no holdout comparison possible");
        }
        return fresh + 1e-9 >= old
            ? (true, $"holdout Recall@20 {fresh:0.####} >= serving {old:0.####}")
            : (false, $"kept, not promoted: holdout Recall@20 {fresh:0.####} < serving {old:0.####}");
    }


    private static IProgress<TrainingProgress> Scaled(Action<TrainingProgress> report) => new SynchronousProgress(report);

    /// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and reorder reports.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
