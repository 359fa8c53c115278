using Attune.Learners;

namespace Attune.Plugins;

/// <summary>
/// A recommender that keeps a per-learner embedding, recomputed by the host online: after each batch of events the
/// learner's grain calls <see cref="FoldIn"/> and passes the result to <see cref="IRecommender.Score"/> in
/// <see cref="ScoringContext.Embedding"/>. Optional.
/// </summary>
public interface IEmbedsLearner : IRecommender
{
    /// <summary>
    /// Recomputes the learner's embedding from their whole history against <paramref name="model"/> (which is
    /// <c>null</c> before the first training, and always for a recommender that is not an
    /// <see cref="ITrainableRecommender"/>). Return <c>null</c> to keep no embedding; every value must be finite.
    /// </summary>
    float[]? FoldIn(IRecommenderModel? model, LearnerHistory history);
}
