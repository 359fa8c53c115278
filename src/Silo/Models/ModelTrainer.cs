using System.Diagnostics;
using Attune.Plugins;
using Attune.Silo.Catalog;
using Attune.Silo.Journal;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>The result of one training run that was stored as a version.</summary>
public sealed record TrainingOutcome(long? Version, bool Serving, TimeSpan Duration, long Events, IReadOnlyDictionary<string, double> Metrics, string Note);

/// <summary>
/// Trains a tenant's recommender, or fits a trainable strategy (<see cref="ITrainableStrategy"/>), from its journal.
/// The plugin runs under <see cref="ModelOptions.TrainingBudget"/> and the caller's cancellation; a failed run stores
/// nothing and leaves the serving version in place. Both kinds keep their versions in <see cref="ModelStore"/> under
/// the plugin's name.
/// </summary>
public sealed class ModelTrainer(
    EventJournal journal, ModelStore store, ModelCache cache, StrategyModelCache strategyCache, PluginRegistry registry, CourseCatalog catalog, IOptions<ModelOptions> options,
    IOptions<PluginOptions> pluginOptions, TimeProvider clock, ILogger<ModelTrainer> logger)
{
    /// <summary>The loaded recommender plugin named <paramref name="recommender"/>, or an exception saying it is not loaded.</summary>
    public LoadedPlugin Recommender(string recommender) =>
        registry.Find(recommender) is { Recommender: not null } loaded
            ? loaded
            : throw new InvalidOperationException($"Recommender plugin '{recommender}' is not loaded.");

    /// <summary>The loaded trainable strategy named <paramref name="strategy"/>, or an exception saying why it cannot be fitted.</summary>
    public LoadedPlugin TrainableStrategy(string strategy) => registry.Find(strategy) switch
    {
        { TrainableStrategy: not null } loaded => loaded,
        { Strategy: not null } loaded => throw new InvalidOperationException($"Strategy plugin {loaded.Label} has no model to fit (it does not implement ITrainableStrategy)."),
        _ => throw new InvalidOperationException($"Strategy plugin '{strategy}' is not loaded."),
    };

    /// <summary>Trains on the tenant's journal up to <paramref name="upToPosition"/> and returns the artifact (not stored).</summary>
    public async Task<(ModelArtifact? Artifact, TimeSpan Duration, long Events)> TrainArtifactAsync(
        TenantId tenant, LoadedPlugin plugin, long upToPosition, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var source = new JournalInteractionSource(journal, tenant, upToPosition);
        var current = store.ServingVersion(tenant, plugin.Name);
        var previous = current is { } v ? store.Load(tenant, plugin.Name, v) : null;
        var request = new TrainingRequest(tenant, previous, pluginOptions.Value.Seed) { Catalog = catalog.ListTenant(tenant) };
        logger.LogInformation("Training {Recommender} for tenant {Tenant} on {Events} events", plugin.Label, tenant.Value, source.EstimatedCount);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TrainingBudget);
        Func<Task<ModelArtifact?>> train = plugin.TrainableRecommender is { } recommender
            ? () => recommender.TrainAsync(request, source, progress, budget.Token)
            : plugin.TrainableStrategy is { } strategy
                ? () => strategy.TrainAsync(request, source, progress, budget.Token)
                // A recommender without a global model trains nothing, as a 1.x one whose TrainAsync returned null.
                : plugin.Recommender is not null
                    ? () => Task.FromResult<ModelArtifact?>(null)
                    : throw new InvalidOperationException($"{plugin.Label} has no model to train.");
        var started = Stopwatch.GetTimestamp();
        ModelArtifact? artifact;
        try
        {
            artifact = await Task.Run(train, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            plugin.Stats.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "training overran its budget");
            throw new TimeoutException($"Training {plugin.Label} overran its budget of {options.Value.TrainingBudget}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            plugin.Stats.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"train threw {ex.GetType().Name}: {ex.Message}");
            throw;
        }
        var duration = Stopwatch.GetElapsedTime(started);
        plugin.Stats.Succeeded(duration.TotalMilliseconds);
        if (HostRules.ArtifactProblem(artifact, plugin.Name) is { } problem)
        {
            throw new InvalidOperationException($"{plugin.Label}: {problem}");
        }
        return (artifact, duration, source.EstimatedCount);
    }

    /// <summary>Trains a recommender or fits a trainable strategy on the whole journal and stores the result as a new version.</summary>
    /// <param name="recommender">The plugin's name: a recommender, or a trainable strategy.</param>
    /// <param name="decideServing">Given the new artifact and the serving version, whether it should serve and why; default: always.</param>
    /// <param name="extraMetrics">Metrics measured outside the plugin (holdout recall, ...), stored with the version.</param>
    public async Task<TrainingOutcome> TrainAsync(
        TenantId tenant, string recommender, IProgress<TrainingProgress> progress, CancellationToken cancellationToken,
        Func<ModelArtifact, long?, (bool Serve, string Note)>? decideServing = null, IReadOnlyDictionary<string, double>? extraMetrics = null)
    {
        var plugin = registry.Find(recommender) is { TrainableStrategy: not null } ? TrainableStrategy(recommender) : Recommender(recommender);
        // Train on exactly what is journaled now; events arriving during training belong to the next version.
        var upTo = journal.LastPosition(tenant);
        var (artifact, duration, events) = await TrainArtifactAsync(tenant, plugin, upTo, progress, cancellationToken);
        if (artifact is null)
        {
            var nothing = plugin.Recommender is not null ? $"{plugin.Label} has no global model" : $"{plugin.Label} found nothing to fit in the journal";
            return new TrainingOutcome(null, false, duration, events, new Dictionary<string, double>(), nothing);
        }
        if (extraMetrics is not null)
        {
            var merged = artifact.Metrics.ToDictionary();
            foreach (var (name, value) in extraMetrics)
            {
                merged[name] = value;
            }
            artifact = artifact with { Metrics = merged };
        }
        var (serve, note) = decideServing?.Invoke(artifact, store.ServingVersion(tenant, recommender)) ?? (true, "trained");
        var version = store.Add(tenant, artifact, plugin.Version, duration, events, upTo, serve, note, clock.GetUtcNow());
        if (serve)
        {
            cache.Invalidate(tenant, recommender);
            strategyCache.Invalidate(tenant, recommender);
        }
        logger.LogInformation("Trained {Recommender} v{Version} for tenant {Tenant} in {Seconds:0.0} s; serving: {Serving} ({Note})",
            plugin.Label, version, tenant.Value, duration.TotalSeconds, serve, note);
        return new TrainingOutcome(version, serve, duration, events, artifact.Metrics, note);
    }
}
