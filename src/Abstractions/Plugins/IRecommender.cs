namespace Attune.Plugins;

/// <summary>
/// Scores candidate items for a learner. Scoring is all a recommender must do; it may also keep a per-learner
/// embedding (<see cref="IEmbedsLearner"/>) and a global model trained from a tenant's journal
/// (<see cref="ITrainableRecommender"/>).
/// </summary>
/// <remarks>
/// Instances are shared by all learners of a silo and called concurrently: keep them free of per-learner fields.
/// Every call runs under a time budget; a call that throws, overruns or returns garbage (see
/// <see cref="HostRules.ScoresProblem"/>) is replaced by the baseline.
/// </remarks>
public interface IRecommender
{
    /// <summary>
    /// Scores the candidates of <paramref name="context"/> worth recommending (leaving out, say, finished items), each at
    /// most once, in any order. Items that are not candidates, repeated items and non-finite scores are garbage.
    /// </summary>
    IReadOnlyList<ScoredCandidate> Score(ScoringContext context);
}
