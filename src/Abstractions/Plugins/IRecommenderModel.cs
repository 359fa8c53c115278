namespace Attune.Plugins;

/// <summary>A trained model as loaded by <see cref="ITrainableRecommender.LoadModel"/>; read-only and shared across threads.</summary>
public interface IRecommenderModel
{
    /// <summary>The artifact this model was loaded from.</summary>
    ModelArtifact Artifact { get; }
}
