using System.Diagnostics;
using Attune.Plugins;
using Attune.Silo.Journal;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>The result of one training run.</summary>
public sealed record TrainingOutcome(long? Version, bool Serving, TimeSpan Duration, long Events, IReadOnlyDictionary<string, double> Metrics, string Note);

/// <summary>
/// Trains a tenant's recommender from its journal and records the result as a new model version.
/// The plugin runs under <see cref="ModelOptions.TrainingBudget"/> and the caller's cancellation; a failed run
/// records nothing and leaves the serving version in place.
/// </summary>
public sealed class ModelTrainer(
    EventJournal journal, ModelStore store, ModelCache cache, PluginRegistry registry, IOptions<ModelOptions> options,
    IOptions<PluginOptions> pluginOptions, TimeProvider clock, ILogger<ModelTrainer> logger)
{
    /// <param name="decideServing">Given the new artifact, whether it should serve and why; default: always.</param>
    public async Task<TrainingOutcome> TrainAsync(
        TenantId tenant, string recommender, IProgress<TrainingProgress> progress, CancellationToken cancellationToken,
        Func<ModelArtifact, long?, (bool Serve, string Note)>? decideServing = null)
    {
        if (registry.Find(recommender) is not { Recommender: { } plugin } loaded)
        {
            throw new InvalidOperationException($"Recommender plugin '{recommender}' is not loaded.");
        }
        var source = new JournalInteractionSource(journal, tenant);
        var current = store.ServingVersion(tenant, recommender);
        var previous = current is { } v ? store.Load(tenant, recommender, v) : null;
        var request = new TrainingRequest(tenant.Value, previous, pluginOptions.Value.Seed);
        logger.LogInformation("Training {Recommender} for tenant {Tenant} on about {Events} events", loaded.Label, tenant.Value, source.EstimatedCount);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TrainingBudget);
        var started = Stopwatch.GetTimestamp();
        ModelArtifact? artifact;
        try
        {
            artifact = await Task.Run(() => plugin.TrainAsync(request, source, progress, budget.Token), budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            loaded.Stats.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "training overran its budget");
            throw new TimeoutException($"Training {loaded.Label} overran its budget of {options.Value.TrainingBudget}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loaded.Stats.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"train threw {ex.GetType().Name}: {ex.Message}");
            throw;
        }
        var duration = Stopwatch.GetElapsedTime(started);
        loaded.Stats.Succeeded(duration.TotalMilliseconds);
        if (artifact is null)
        {
            return new TrainingOutcome(null, false, duration, source.EstimatedCount, new Dictionary<string, double>(), $"{loaded.Label} has no global model");
        }
        if (artifact.Recommender != recommender || artifact.Data is null)
        {
            throw new InvalidOperationException($"{loaded.Label} returned an artifact for '{artifact.Recommender}' or without data.");
        }
        var (serve, note) = decideServing?.Invoke(artifact, current) ?? (true, "trained");
        var version = store.Add(tenant, artifact, loaded.Version, duration, source.EstimatedCount, serve, note, clock.GetUtcNow());
        if (serve)
        {
            cache.Invalidate(tenant, recommender);
        }
        logger.LogInformation("Trained {Recommender} v{Version} for tenant {Tenant} in {Seconds:0.0} s ({Note})",
            loaded.Label, version, tenant.Value, duration.TotalSeconds, note);
        return new TrainingOutcome(version, serve, duration, source.EstimatedCount, artifact.Metrics, note);
    }
}
