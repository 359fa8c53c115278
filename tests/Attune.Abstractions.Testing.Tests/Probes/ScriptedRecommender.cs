using Attune.Learners;

namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>A recommender whose behaviour each test scripts; by default it scores every candidate by its peers' share.</summary>
[AttunePlugin("scripted-recommender")]
public sealed class ScriptedRecommender(PluginContext context) : ITrainableRecommender, IEmbedsLearner
{
    public PluginContext Context { get; } = context;

    public Func<ScoringContext, IReadOnlyList<ScoredCandidate>> OnScore { get; set; } = ByPeers;

    public Func<IRecommenderModel?, LearnerHistory, float[]?> OnFoldIn { get; set; } = (_, _) => null;

    public Func<IInteractionSource, IProgress<TrainingProgress>, Task<ModelArtifact?>> OnTrain { get; set; } = (_, _) => Task.FromResult<ModelArtifact?>(null);

    public List<ModelArtifact> Loaded { get; } = [];

    public Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken) =>
        OnTrain(interactions, progress);

    public IRecommenderModel LoadModel(ModelArtifact artifact)
    {
        Loaded.Add(artifact);
        return new Model(artifact);
    }

    public float[]? FoldIn(IRecommenderModel? model, LearnerHistory history) => OnFoldIn(model, history);

    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context) => OnScore(context);

    public static IReadOnlyList<ScoredCandidate> ByPeers(ScoringContext context) =>
        context.Candidates.Select(c => new ScoredCandidate(c, c.CourseLearners == 0 ? 0 : (double)c.PeersEngaged / c.CourseLearners)).ToList();

    public sealed record Model(ModelArtifact Artifact) : IRecommenderModel;
}
