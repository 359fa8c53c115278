using System.Collections.Concurrent;
using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>
/// The serving model of each (tenant, recommender), loaded once per silo and shared read-only by every learner grain.
/// A silo notices a newly served version within <see cref="ModelOptions.RefreshInterval"/>, and reloads the model
/// through the new plugin generation after a hot reload (the old model, holding old types, is dropped).
/// </summary>
public sealed class ModelCache(ModelStore store, PluginInvoker invoker, IOptions<ModelOptions> options, TimeProvider clock, ILogger<ModelCache> logger)
{
    private readonly ConcurrentDictionary<(string Tenant, string Recommender), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Tenant, string Recommender), SemaphoreSlim> _loading = new();
    private readonly ModelOptions _options = options.Value;

    /// <summary>The model serving (tenant, plugin), and its version; (null, null) before the first training.</summary>
    public async Task<ServingModel> GetAsync(TenantId tenant, LoadedPlugin plugin)
    {
        var key = (tenant.Value, plugin.Name);
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == plugin.Generation &&
            clock.GetElapsedTime(entry.CheckedAt, now) < _options.RefreshInterval)
        {
            return entry.Serving;
        }
        var gate = _loading.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (_entries.TryGetValue(key, out entry) && entry.Generation == plugin.Generation &&
                clock.GetElapsedTime(entry.CheckedAt, clock.GetTimestamp()) < _options.RefreshInterval)
            {
                return entry.Serving;
            }
            var version = await Task.Run(() => store.ServingVersion(tenant, plugin.Name));
            if (entry is not null && entry.Generation == plugin.Generation && entry.Serving.Version == version)
            {
                _entries[key] = entry with { CheckedAt = clock.GetTimestamp() };
                return entry.Serving;
            }
            var serving = version is { } v ? await LoadAsync(tenant, plugin, v) : ServingModel.None;
            _entries[key] = new Entry(serving, plugin.Generation, clock.GetTimestamp());
            return serving;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forget cached models so the next call reads the store now (after a promotion on this silo).</summary>
    public void Invalidate(TenantId tenant, string recommender) => _entries.TryRemove((tenant.Value, recommender), out _);

    private async Task<ServingModel> LoadAsync(TenantId tenant, LoadedPlugin plugin, long version)
    {
        var artifact = await Task.Run(() => store.Load(tenant, plugin.Name, version));
        if (artifact is null)
        {
            return ServingModel.None;
        }
        var call = await invoker.InvokeAsync(plugin, "load-model", () => plugin.Recommender!.LoadModel(artifact),
            m => m is null ? "no model" : null, _options.LoadBudget);
        if (!call.Succeeded)
        {
            logger.LogWarning("Model {Recommender} v{Version} of tenant {Tenant} could not be loaded: {Failure}; serving without a model",
                plugin.Name, version, tenant.Value, call.Failure);
            return ServingModel.None;
        }
        logger.LogInformation("Loaded model {Recommender} v{Version} of tenant {Tenant} ({Bytes} bytes)",
            plugin.Name, version, tenant.Value, artifact.Data.Length);
        return new ServingModel(call.Value, version);
    }

    private sealed record Entry(ServingModel Serving, int Generation, long CheckedAt);
}

/// <summary>A loaded model and its version number; both null before the first training.</summary>
public sealed record ServingModel(IRecommenderModel? Model, long? Version)
{
    public static ServingModel None { get; } = new(null, null);

    /// <summary>What an embedding records to know whether it was folded against this model.</summary>
    public string? Tag => Version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
