using System.Collections.Concurrent;
using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>A model loaded for serving, with the version it came from.</summary>
public interface IServingVersion
{
    long? Version { get; }
}

/// <summary>
/// The serving model of each (tenant, plugin), loaded once per silo and shared read-only by every learner grain.
/// A silo notices a newly served version within <see cref="ModelOptions.RefreshInterval"/>, and reloads the model
/// through the new plugin generation after a hot reload (the old model, holding old types, is dropped).
/// Recommenders (<see cref="ModelCache"/>) and trainable strategies (<see cref="StrategyModelCache"/>) differ only in
/// how a plugin turns an artifact into its model.
/// </summary>
public abstract class ServingModelCache<TModel, TServing>(
    ModelStore store, PluginInvoker invoker, IOptions<ModelOptions> options, TimeProvider clock, ILogger logger, string kind)
    where TModel : class
    where TServing : class, IServingVersion
{
    private readonly ConcurrentDictionary<(string Tenant, string Plugin), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Tenant, string Plugin), SemaphoreSlim> _loading = new();
    private readonly ModelOptions _options = options.Value;

    /// <summary>What serves before the first training, or when a version cannot be loaded.</summary>
    protected abstract TServing None { get; }

    /// <summary>Whether the plugin has models at all.</summary>
    protected abstract bool HasModels(LoadedPlugin plugin);

    /// <summary>The plugin's call that turns a stored artifact into its model.</summary>
    protected abstract TModel LoadModel(LoadedPlugin plugin, ModelArtifact artifact);

    protected abstract TServing Serve(TModel model, long version);

    /// <summary>The model serving (tenant, plugin) and its version; <see cref="None"/> before the first training.</summary>
    public async Task<TServing> GetAsync(TenantId tenant, LoadedPlugin plugin)
    {
        if (!HasModels(plugin))
        {
            return None;
        }
        var key = (tenant.Value, plugin.Name);
        if (Fresh(key, plugin) is { } cached)
        {
            return cached;
        }
        var gate = _loading.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (Fresh(key, plugin) is { } loaded)
            {
                return loaded;
            }
            var version = await Task.Run(() => store.ServingVersion(tenant, plugin.Name));
            if (_entries.TryGetValue(key, out var entry) && entry.Generation == plugin.Generation && entry.Serving.Version == version)
            {
                _entries[key] = entry with { CheckedAt = clock.GetTimestamp() };
                return entry.Serving;
            }
            var serving = version is { } v ? await LoadAsync(tenant, plugin, v) : None;
            _entries[key] = new Entry(serving, plugin.Generation, clock.GetTimestamp());
            return serving;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forget the cached model so the next call reads the store now (after a fit or promotion on this silo).</summary>
    public void Invalidate(TenantId tenant, string plugin) => _entries.TryRemove((tenant.Value, plugin), out _);

    private TServing? Fresh((string, string) key, LoadedPlugin plugin) =>
        _entries.TryGetValue(key, out var entry) && entry.Generation == plugin.Generation &&
        clock.GetElapsedTime(entry.CheckedAt, clock.GetTimestamp()) < _options.RefreshInterval
            ? entry.Serving
            : null;

    private async Task<TServing> LoadAsync(TenantId tenant, LoadedPlugin plugin, long version)
    {
        var artifact = await Task.Run(() => store.Load(tenant, plugin.Name, version));
        if (artifact is null)
        {
            return None;
        }
        var call = await invoker.InvokeAsync(plugin, "load-model", () => LoadModel(plugin, artifact),
            m => m is null ? "no model" : null, _options.LoadBudget);
        if (!call.Succeeded)
        {
            logger.LogWarning("{Kind} {Plugin} v{Version} of tenant {Tenant} could not be loaded: {Failure}; serving without it",
                kind, plugin.Name, version, tenant.Value, call.Failure);
            return None;
        }
        logger.LogInformation("Loaded {Kind} {Plugin} v{Version} of tenant {Tenant} ({Bytes} bytes)",
            kind, plugin.Name, version, tenant.Value, artifact.Data.Length);
        return Serve(call.Value!, version);
    }

    private sealed record Entry(TServing Serving, int Generation, long CheckedAt);
}
