namespace Attune.Plugins.Testing;

/// <summary>What <see cref="PluginTestBench.TrainAsync"/> produced.</summary>
/// <param name="Artifact">The artifact, after a trip through bytes as the host stores it; <c>null</c> when the recommender has no global model.</param>
/// <param name="Model">The model <see cref="ITrainableRecommender.LoadModel"/> made of the stored artifact; <c>null</c> with no artifact.</param>
/// <param name="Progress">Every progress report, in order.</param>
public sealed record TrainedModel(ModelArtifact? Artifact, IRecommenderModel? Model, IReadOnlyList<TrainingProgress> Progress);
