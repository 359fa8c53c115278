using Attune.Plugins;

namespace AttunePlugin1;

/// <summary>
/// A recommender: scores candidate items for a learner. Start from here: it scores each unfinished candidate by the
/// share of classmates who engaged with it, and keeps neither a global model nor an embedding. Add
/// <see cref="ITrainableRecommender"/> for a model trained from the journal, or <see cref="IEmbedsLearner"/> for a
/// per-learner embedding the host folds in after each event.
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
