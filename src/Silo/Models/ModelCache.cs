using Attune.Plugins;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>The serving model of each (tenant, recommender); see <see cref="ServingModelCache{TModel, TServing}"/>.</summary>
public sealed class ModelCache(ModelStore store, PluginInvoker invoker, IOptions<ModelOptions> options, TimeProvider clock, ILogger<ModelCache> logger)
    : ServingModelCache<IRecommenderModel, ServingModel>(store, invoker, options, clock, logger, "model")
{
    protected override ServingModel None => ServingModel.None;

    protected override bool HasModels(LoadedPlugin plugin) => plugin.TrainableRecommender is not null;

    protected override IRecommenderModel LoadModel(LoadedPlugin plugin, ModelArtifact artifact) => plugin.TrainableRecommender!.LoadModel(artifact);

    protected override ServingModel Serve(IRecommenderModel model, long version) => new(model, version);
}

/// <summary>A loaded model and its version number; both null before the first training.</summary>
public sealed record ServingModel(IRecommenderModel? Model, long? Version) : IServingVersion
{
    public static ServingModel None { get; } = new(null, null);

    /// <summary>What an embedding records to know whether it was folded against this model.</summary>
    public string? Tag => Version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
