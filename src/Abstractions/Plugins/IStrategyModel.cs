namespace Attune.Plugins;

/// <summary>A fitted strategy model as loaded by <see cref="ITrainableStrategy.LoadModel"/>; read-only and shared across threads.</summary>
public interface IStrategyModel
{
    /// <summary>The artifact this model was loaded from.</summary>
    ModelArtifact Artifact { get; }
}
