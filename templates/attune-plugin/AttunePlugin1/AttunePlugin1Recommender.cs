using Attune.Learners;
using Attune.Plugins;

namespace AttunePlugin1;

/// <summary>
/// A recommender: scores candidate items for a learner. Start from here: it scores each unfinished candidate by the
/// share of classmates who engaged with it, and keeps neither a global model nor an embedding.
/// </summary>
/// <remarks>
/// One instance serves every learner, concurrently: keep no per-learner fields. Each call must finish within the
/// host's budget (50 ms by default); a call that throws, overruns or returns garbage (NaN, unknown or repeated items)
/// is replaced by the baseline.
/// </remarks>
[AttunePlugin("attune-plugin-1", Description = "Scores unfinished items by the share of classmates who engaged with them.")]
public sealed class AttunePlugin1Recommender : IRecommender
{
    private readonly PluginContext _context;

    /// <summary>The host passes the context: logger, clock, settings (Attune:Plugins:Settings:attune-plugin-1) and seeded randomness.</summary>
    public AttunePlugin1Recommender(PluginContext context) => _context = context;

    /// <summary>No global model: training produces nothing.</summary>
    public Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken) =>
        Task.FromResult<ModelArtifact?>(null);

    /// <summary>Never called, since <see cref="TrainAsync"/> produces no artifact.</summary>
    public IRecommenderModel LoadModel(ModelArtifact artifact) =>
        throw new NotSupportedException($"{_context.Name} keeps no global model.");

    /// <summary>No embedding.</summary>
    public float[]? FoldIn(IRecommenderModel? model, LearnerHistory history) => null;

    /// <inheritdoc />
    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context)
    {
        var scored = new List<ScoredCandidate>(context.Candidates.Count);
        foreach (var c in context.Candidates)
        {
            if (context.History.Items.TryGetValue(c.Item, out var progress) && progress.IsFinished)
            {
                continue;
            }
            var share = c.CourseLearners > 0 ? (double)c.PeersEngaged / c.CourseLearners : 0;
            scored.Add(new ScoredCandidate(c, share, $"{c.PeersEngaged} of your {c.CourseLearners} classmates in {c.Course} worked on this."));
        }
        return scored;
    }
}
