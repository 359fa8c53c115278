using Attune.Learners;

namespace Attune.Plugins;

/// <summary>What <see cref="IRecommender.Score"/> works with.</summary>
/// <param name="History">The learner's history.</param>
/// <param name="Profile">What the learner told Attune about themselves.</param>
/// <param name="Embedding">The learner's embedding from the last <see cref="IEmbedsLearner.FoldIn"/>, if any.</param>
/// <param name="Model">The serving model of an <see cref="ITrainableRecommender"/>, if one was trained.</param>
/// <param name="Candidates">The items to score.</param>
/// <param name="Now">The current time, from the host's clock.</param>
public sealed record ScoringContext(
    LearnerHistory History,
    LearnerProfile Profile,
    float[]? Embedding,
    IRecommenderModel? Model,
    IReadOnlyList<Candidate> Candidates,
    DateTimeOffset Now);
