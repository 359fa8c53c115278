using Attune.Learners;
using Attune.Plugins.MatrixFactorization.Model;
using Attune.Plugins.MatrixFactorization.Scoring;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization;

/// <summary>
/// Matrix factorisation for learners and items: implicit ALS over everything learners did (Hu et al. 2008, with
/// Rendle et al. 2022's options) ranks what to do next; an explicit biased model over scores predicts how well.
/// The global model is trained from the journal; between trainings each learner's embedding is kept exact by folding
/// in their whole history against the current model (the same least-squares step training uses).
/// </summary>
[AttunePlugin("matrix-factorization", Description = "Ranks items by implicit ALS over learners' activity and predicts scores with biased MF; exact fold-in between trainings.")]
public sealed class MatrixFactorizationRecommender : ITrainableRecommender, IEmbedsLearner
{
    private const int ProgressEvery = 50_000;
    private readonly PluginContext _context;
    private readonly MatrixFactorizationOptions _options;

    /// <summary>Reads the settings; the host reports bad settings as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public MatrixFactorizationRecommender(PluginContext context)
    {
        _context = context;
        _options = context.Settings.Bind<MatrixFactorizationOptions>();
        if (_options.Problem() is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
    }

    /// <summary>The settings in force.</summary>
    public MatrixFactorizationOptions Options => _options;

    /// <summary>
    /// Reads the journal into per-(learner, item) aggregates, optionally searches k, λ and α on a time-ordered holdout,
    /// fits the implicit and explicit models and returns an <c>mf-als-v1</c> artifact; <c>null</c> for an empty journal.
    /// </summary>
    public async Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var journal = new InteractionJournal();
        var expected = Math.Max(1, interactions.EstimatedCount);
        progress.Report(new TrainingProgress("reading", 0));
        await foreach (var e in interactions.ReadAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            journal.Add(e);
            if (journal.Events % ProgressEvery == 0)
            {
                progress.Report(new TrainingProgress("reading", Math.Min(10, 10.0 * journal.Events / expected)));
            }
        }
        if (journal.Pairs == 0)
        {
            _context.Logger.Log(PluginLogLevel.Information, null, "No interactions to train on");
            return null;
        }
        // The fit is CPU-bound and parallel: keep it off the caller's thread.
        var trained = await Task.Run(() => ModelTrainer.Train(journal, _options, request.Seed,
            (phase, percent) => progress.Report(new TrainingProgress(phase, percent)), cancellationToken), cancellationToken).ConfigureAwait(false);
        var data = ModelArtifactFormat.Write(trained.Content);
        progress.Report(new TrainingProgress("done", 100));
        _context.Logger.Log(PluginLogLevel.Information, null, "Trained on {Events} events: {Learners} learners, {Items} items, k={Factors}",
            journal.Events, journal.Learners.Count, journal.Items.Count, trained.Content.Factors);
        return new ModelArtifact(_context.Name, ModelArtifactFormat.Format, data, trained.Metrics);
    }

    /// <summary>Validates an <c>mf-als-v1</c> artifact and builds the shared model (with its Gramian).</summary>
    /// <exception cref="FormatException">The artifact is of another format or corrupt.</exception>
    public IRecommenderModel LoadModel(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Format != ModelArtifactFormat.Format)
        {
            throw new FormatException($"Artifact format '{artifact.Format}' is not {ModelArtifactFormat.Format}.");
        }
        return new MatrixFactorizationModel(artifact, ModelArtifactFormat.Read(artifact.Data));
    }

    /// <summary>
    /// The learner's embedding from their whole history against <paramref name="model"/>: exactly training's learner
    /// half-step. <c>null</c> before the first training (scoring then uses popularity).
    /// </summary>
    public float[]? FoldIn(IRecommenderModel? model, LearnerHistory history) =>
        model is MatrixFactorizationModel mf ? LearnerFoldIn.Compute(mf, history, out _) : null;

    /// <inheritdoc />
    public IReadOnlyList<ScoredCandidate> Score(ScoringContext context) => CandidateScorer.Score(context, _options.MaxScored);
}
