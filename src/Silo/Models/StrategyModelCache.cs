using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>
/// The serving model of each (tenant, trainable strategy); see <see cref="ServingModelCache{TModel, TServing}"/>.
/// Versions live in the same <see cref="ModelStore"/> as recommenders', keyed by the strategy's plugin name.
/// </summary>
public sealed class StrategyModelCache(ModelStore store, PluginInvoker invoker, IOptions<ModelOptions> options, TimeProvider clock, ILogger<StrategyModelCache> logger)
    : ServingModelCache<IStrategyModel, ServingStrategyModel>(store, invoker, options, clock, logger, "strategy model")
{
    protected override ServingStrategyModel None => ServingStrategyModel.None;

    protected override bool HasModels(LoadedPlugin plugin) => plugin.TrainableStrategy is not null;

    protected override IStrategyModel LoadModel(LoadedPlugin plugin, ModelArtifact artifact) => plugin.TrainableStrategy!.LoadModel(artifact);

    protected override ServingStrategyModel Serve(IStrategyModel model, long version) => new(model, version);
}

/// <summary>A trainable strategy's loaded model and its version number; both null before the first fit.</summary>
public sealed record ServingStrategyModel(IStrategyModel? Model, long? Version) : IServingVersion
{
    public static ServingStrategyModel None { get; } = new(null, null);

    /// <summary>What a learner's strategy state records to know which model it was observed under.</summary>
    public string? Tag => Version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
