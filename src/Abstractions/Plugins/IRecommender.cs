using Attune.Learners;

namespace Attune.Plugins;

/// <summary>
/// Scores candidate items for a learner. A recommender may keep a global model, trained from every interaction of a
/// tenant, and a per-learner embedding that the host recomputes online by <see cref="FoldIn"/> after each event.
/// </summary>
/// <remarks>
/// Instances are shared by all learners of a silo and called concurrently: keep them free of per-learner fields.
/// Every call runs under a time budget; a call that throws, overruns or returns garbage is replaced by the baseline.
/// </remarks>
public interface IRecommender
{
    /// <summary>
    /// Trains the global model from a tenant's interactions. Report progress now and then and honour cancellation.
    /// Return <c>null</c> if this recommender has no global model.
    /// </summary>
    Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken);

    /// <summary>Turns a stored artifact into the read-only model every grain of a silo shares.</summary>
    IRecommenderModel LoadModel(ModelArtifact artifact);

    /// <summary>
    /// Recomputes the learner's embedding from their whole history against <paramref name="model"/> (which is
    /// <c>null</c> before the first training). Return <c>null</c> if this recommender keeps no embedding.
    /// </summary>
    float[]? FoldIn(IRecommenderModel? model, LearnerHistory history);

    /// <summary>
    /// Scores the candidates of <paramref name="context"/> worth recommending (leaving out, say, finished items), each at
    /// most once, in any order. Items that are not candidates, repeated items and non-finite scores are garbage.
    /// </summary>
    IReadOnlyList<ScoredCandidate> Score(ScoringContext context);
}

/// <summary>A trained model as loaded by <see cref="IRecommender.LoadModel"/>; read-only and shared across threads.</summary>
public interface IRecommenderModel
{
    /// <summary>The artifact this model was loaded from.</summary>
    ModelArtifact Artifact { get; }
}

/// <summary>What <see cref="IRecommender.Score"/> works with.</summary>
/// <param name="History">The learner's history.</param>
/// <param name="Profile">What the learner told Attune about themselves.</param>
/// <param name="Embedding">The learner's embedding from the last <see cref="IRecommender.FoldIn"/>, if any.</param>
/// <param name="Model">The current model, if one was trained.</param>
/// <param name="Candidates">The items to score.</param>
/// <param name="Now">The current time, from the host's clock.</param>
public sealed record ScoringContext(
    LearnerHistory History,
    LearnerProfile Profile,
    float[]? Embedding,
    IRecommenderModel? Model,
    IReadOnlyList<Candidate> Candidates,
    DateTimeOffset Now);

/// <summary>A trained global model, stored by the host as opaque bytes.</summary>
/// <param name="Recommender">
/// The name of the plugin that trained it: a recommender, or (since SDK 1.1) an <see cref="ITrainableStrategy"/>.
/// </param>
/// <param name="Format">The plugin's own format tag, so a newer plugin version can read or refuse older artifacts.</param>
/// <param name="Data">The serialized model.</param>
/// <param name="Metrics">Numbers worth keeping about the training (loss, recall, seconds, ...).</param>
public sealed record ModelArtifact(string Recommender, string Format, byte[] Data, IReadOnlyDictionary<string, double> Metrics);

/// <summary>Read access to a tenant's journal for training.</summary>
public interface IInteractionSource
{
    /// <summary>Roughly how many events <see cref="ReadAsync"/> yields, for progress reporting.</summary>
    long EstimatedCount { get; }

    /// <summary>Every event of the tenant in journal order.</summary>
    IAsyncEnumerable<LearningEvent> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>What to train.</summary>
/// <param name="Tenant">The tenant whose interactions are read.</param>
/// <param name="Previous">The model currently serving, for warm starts, if any.</param>
/// <param name="Seed">Seed for every random choice, so training is reproducible.</param>
public sealed record TrainingRequest(string Tenant, ModelArtifact? Previous, int Seed)
{
    /// <summary>
    /// Every catalog entry of the tenant (kinds, minutes, skills, the courses' structure), so a model can relate what it
    /// reads in the journal to what the items are. Empty when the tenant has no catalog.
    /// </summary>
    public IReadOnlyList<CatalogEntry> Catalog { get; init; } = [];
}

/// <summary>How far training has got.</summary>
/// <param name="Phase">What it is doing, e.g. <c>reading</c>, <c>epoch 3/10</c>.</param>
/// <param name="Percent">0 to 100.</param>
public sealed record TrainingProgress(string Phase, double Percent);
