using Attune.Plugins;

namespace Attune.Silo.Plugins;

public enum PluginKind
{
    Recommender,
    Strategy,
}

/// <summary>
/// One plugin instance of one load generation. Callers resolve it from <see cref="PluginRegistry"/> per call and
/// never keep it: after a hot reload the registry hands out the new generation and the old one can unload.
/// </summary>
public sealed class LoadedPlugin(string name, PluginKind kind, string version, string? description, object instance, int generation, string folder, PluginStats stats)
{
    public string Name { get; } = name;
    public PluginKind Kind { get; } = kind;
    public string Version { get; } = version;
    public string? Description { get; } = description;
    public int Generation { get; } = generation;
    public string Folder { get; } = folder;
    public PluginStats Stats { get; } = stats;

    /// <summary><c>name@version</c>, as recommendation responses report it.</summary>
    public string Label => $"{Name}@{Version}";

    public IRecommender? Recommender => instance as IRecommender;

    /// <summary>The recommender, if it trains a global model from the journal.</summary>
    public ITrainableRecommender? TrainableRecommender => instance as ITrainableRecommender;

    /// <summary>The recommender, if it keeps a per-learner embedding folded in after each batch of events.</summary>
    public IEmbedsLearner? Embedder => instance as IEmbedsLearner;

    public ILearningStrategy? Strategy => instance as ILearningStrategy;

    /// <summary>The strategy, if it fits a model from the journal.</summary>
    public ITrainableStrategy? TrainableStrategy => instance as ITrainableStrategy;

    /// <summary>The plugin, if it can describe what it knows about a learner.</summary>
    public IDescribesLearner? Describer => instance as IDescribesLearner;

    /// <summary>The plugin as a describer of its stored models, if it is one.</summary>
    public IDescribesModel? ModelDescriber => instance as IDescribesModel;
}
