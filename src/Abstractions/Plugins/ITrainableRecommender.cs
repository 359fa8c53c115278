namespace Attune.Plugins;

/// <summary>
/// A recommender with a global model trained from every interaction of a tenant. The host trains it on the
/// refactorization schedule and on an admin's request, keeps each training as a numbered model version, and hands the
/// serving version's model to <see cref="IRecommender.Score"/> (and to <see cref="IEmbedsLearner.FoldIn"/>). Optional.
/// </summary>
public interface ITrainableRecommender : IRecommender
{
    /// <summary>
    /// Trains the global model from a tenant's interactions. Report progress now and then and honour cancellation.
    /// Return <c>null</c> when there is nothing to train from. The artifact's <see cref="ModelArtifact.Plugin"/> must be
    /// this plugin's name.
    /// </summary>
    Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Turns a stored artifact into the read-only model every grain of a silo shares. Throw
    /// <see cref="FormatException"/> for a format this version cannot read; the host then serves without a model.
    /// </summary>
    IRecommenderModel LoadModel(ModelArtifact artifact);
}
