using System.Collections.Concurrent;
using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>
/// The serving model of each (tenant, trainable strategy), loaded once per silo and shared read-only by every learner
/// grain: <see cref="ModelCache"/>'s twin for <see cref="ITrainableStrategy"/>. Versions live in the same
/// <see cref="ModelStore"/>, keyed by the strategy's plugin name. A silo notices a newly served version within
/// <see cref="ModelOptions.RefreshInterval"/> and reloads through the new plugin generation after a hot reload.
/// </summary>
public sealed class StrategyModelCache(ModelStore store, PluginInvoker invoker, IOptions<ModelOptions> options, TimeProvider clock, ILogger<StrategyModelCache> logger)
{
    private readonly ConcurrentDictionary<(string Tenant, string Strategy), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Tenant, string Strategy), SemaphoreSlim> _loading = new();
    private readonly ModelOptions _options = options.Value;

    /// <summary>The model serving (tenant, strategy) and its version; <see cref="ServingStrategyModel.None"/> before the first fit.</summary>
    public async Task<ServingStrategyModel> GetAsync(TenantId tenant, LoadedPlugin plugin)
    {
        if (plugin.TrainableStrategy is null)
        {
            return ServingStrategyModel.None;
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
            var serving = version is { } v ? await LoadAsync(tenant, plugin, v) : ServingStrategyModel.None;
            _entries[key] = new Entry(serving, plugin.Generation, clock.GetTimestamp());
            return serving;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forget the cached model so the next call reads the store now (after a fit or promotion on this silo).</summary>
    public void Invalidate(TenantId tenant, string strategy) => _entries.TryRemove((tenant.Value, strategy), out _);

    private ServingStrategyModel? Fresh((string, string) key, LoadedPlugin plugin) =>
        _entries.TryGetValue(key, out var entry) && entry.Generation == plugin.Generation &&
        clock.GetElapsedTime(entry.CheckedAt, clock.GetTimestamp()) < _options.RefreshInterval
            ? entry.Serving
            : null;

    private async Task<ServingStrategyModel> LoadAsync(TenantId tenant, LoadedPlugin plugin, long version)
    {
        var artifact = await Task.Run(() => store.Load(tenant, plugin.Name, version));
        if (artifact is null)
        {
            return ServingStrategyModel.None;
        }
        var call = await invoker.InvokeAsync(plugin, "load-model", () => plugin.TrainableStrategy!.LoadModel(artifact),
            m => m is null ? "no model" : null, _options.LoadBudget);
        if (!call.Succeeded)
        {
            logger.LogWarning("Strategy model {Strategy} v{Version} of tenant {Tenant} could not be loaded: {Failure}; running without a model",
                plugin.Name, version, tenant.Value, call.Failure);
            return ServingStrategyModel.None;
        }
        logger.LogInformation("Loaded strategy model {Strategy} v{Version} of tenant {Tenant} ({Bytes} bytes)",
            plugin.Name, version, tenant.Value, artifact.Data.Length);
        return new ServingStrategyModel(call.Value, version);
    }

    private sealed record Entry(ServingStrategyModel Serving, int Generation, long CheckedAt);
}

/// <summary>A trainable strategy's loaded model and its version number; both null before the first fit.</summary>
public sealed record ServingStrategyModel(IStrategyModel? Model, long? Version)
{
    public static ServingStrategyModel None { get; } = new(null, null);

    /// <summary>What a learner's strategy state records to know which model it was observed under.</summary>
    public string? Tag => Version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
