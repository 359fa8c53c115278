using Attune.Learners;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Plugins.KnowledgeTracing.Planning;

namespace Attune.Plugins.KnowledgeTracing;

/// <summary>
/// Knowledge tracing: keeps each learner's mastery per skill (Bayesian Knowledge Tracing with forgetting, and a
/// logistic predictor of the next answer) and plans practice on the weakest skills the learner is ready for, each step
/// with its reason ("practise fractions: mastery 0.41, needed for the next unit").
/// </summary>
/// <remarks>
/// Parameters are fitted per skill from the tenant's journal by the host's strategy-fit job (<see cref="TrainAsync"/>,
/// EM for BKT), which serves them as a model version; before the first fit they come from the settings
/// (<see cref="KnowledgeTracingModel.FromSettings"/>) or are the defaults. The learner model shows mastery per skill
/// through <see cref="Describe"/>.
/// </remarks>
[AttunePlugin("knowledge-tracing", Description = "Traces mastery per skill (BKT with forgetting, logistic PFA/Best-LR predictor) and plans practice on the weakest skills the learner is ready for.")]
public sealed class KnowledgeTracingStrategy : ITrainableStrategy, IDescribesLearner
{
    private const int ProgressEvery = 10_000;
    private readonly PluginContext _context;
    private readonly KnowledgeTracingOptions _options;
    private readonly SkillGraph _graph;
    private readonly KnowledgeTracer _tracer;
    private readonly PracticePlanner _planner;

    /// <summary>Reads the settings and fitted parameters; the host reports bad ones as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, a fitted parameter is degenerate, or prerequisites form a cycle.</exception>
    public KnowledgeTracingStrategy(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _options = context.Settings.Bind<KnowledgeTracingOptions>();
        KnowledgeTracingModel model;
        try
        {
            model = KnowledgeTracingModel.FromSettings(context.Settings);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {ex.Message}", nameof(context), ex);
        }
        _graph = SkillGraph.FromSettings(context.Settings);
        if ((_options.Problem() ?? model.Problem() ?? _graph.Problem()) is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
        _tracer = new KnowledgeTracer(_options, model);
        _planner = new PracticePlanner(_tracer, _graph);
    }

    /// <summary>The engine this plugin runs before the first fit (parameters from the settings, or the defaults).</summary>
    public KnowledgeTracer Tracer => _tracer;

    /// <inheritdoc />
    public PluginState Observe(ObservationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (state, learningEvent, model) = (context.State, context.Event, context.Model);
        var knowledge = Read(state, out var unreadable);
        var changed = TracerFor(model).Observe(knowledge, learningEvent);
        // Unreadable bytes are replaced at once, so the warning is logged once, not at every event.
        return changed || unreadable ? knowledge.ToState() : state;
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var planner = Fitted(context.Model)?.Planner ?? _planner;
        return planner.Plan(context, Read(context.State, out _));
    }

    /// <summary>
    /// Fits BKT per skill (skills with at least <see cref="KnowledgeTracingOptions.FitMinAnswersPerSkill"/> answers; the
    /// pooled fit for the rest) by EM, and the logistic predictor, from every learner's answers in the journal, read
    /// with this plugin's rules. <c>null</c> when the journal holds no answer.
    /// </summary>
    public async Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(progress);
        const string reading = "reading answers from the journal";
        progress.Report(new TrainingProgress(reading, 0));
        // Only opportunities matter to the fit; keeping just those bounds memory by answers, not by events.
        var opportunities = new List<LearningEvent>();
        var total = Math.Max(1, interactions.EstimatedCount);
        var read = 0L;
        await foreach (var e in interactions.ReadAsync(cancellationToken))
        {
            _tracer.Outcome(e, out var isOpportunity);
            if (isOpportunity)
            {
                opportunities.Add(e);
            }
            if (++read % ProgressEvery == 0)
            {
                progress.Report(new TrainingProgress(reading, 40.0 * Math.Min(read, total) / total));
            }
        }
        progress.Report(new TrainingProgress($"fitting on {opportunities.Count} opportunities", 40));
        var training = KnowledgeTracingTrainer.Fit(opportunities, _options, _options.FitMinAnswersPerSkill, cancellationToken: cancellationToken);
        if (training.Answers == 0)
        {
            progress.Report(new TrainingProgress("no answers to fit", 100));
            return null;
        }
        _context.Logger.Log(PluginLogLevel.Information, null,
            "Fitted BKT for {Skills} skills (pooled for the rest) from {Answers} answers of {Learners} learners",
            training.SkillBkt.Count, training.Answers, training.Learners);
        progress.Report(new TrainingProgress("fitted", 100));
        return KnowledgeTracingArtifact.From(_context.Name, training);
    }

    /// <inheritdoc />
    /// <exception cref="FormatException">The artifact is not a <see cref="KnowledgeTracingArtifact.Format"/> model this version can use.</exception>
    public IStrategyModel LoadModel(ModelArtifact artifact) =>
        new KnowledgeTracingStrategyModel(artifact, KnowledgeTracingArtifact.Read(artifact), _options, _graph);

    /// <summary>
    /// Mastery per skill (and per item traced as its own skill) now, weakest first: the estimate the plugin plans with,
    /// BKT's P(L) with forgetting and the logistic P(correct), answers, and the BKT parameters in force for the skill.
    /// </summary>
    public LearnerDescription Describe(DescriptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return KnowledgeTracingMastery.Describe(Read(context.State, out _), context.Now, TracerFor(context.Model));
    }

    /// <summary>The learner's mastery per skill at <paramref name="now"/>, weakest first, with the parameters from settings.</summary>
    public IReadOnlyList<SkillMastery> Mastery(PluginState state, DateTimeOffset now) =>
        KnowledgeTracingMastery.Read(Read(state, out _), now, _tracer);

    /// <summary>The host only passes models this plugin loaded; anything else is treated as "not fitted yet".</summary>
    private static KnowledgeTracingStrategyModel? Fitted(IStrategyModel? model) => model as KnowledgeTracingStrategyModel;

    private KnowledgeTracer TracerFor(IStrategyModel? model) => Fitted(model)?.Tracer ?? _tracer;

    private KnowledgeState Read(PluginState state, out bool unreadable)
    {
        var knowledge = KnowledgeState.Read(state, out unreadable);
        if (unreadable)
        {
            // Only the journal has per-skill answers: start afresh rather than fail the learner.
            _context.Logger.Log(PluginLogLevel.Warning, null,
                "A learner's state (version {Version}, {Bytes} bytes) is not readable by this version; starting that learner afresh",
                state.Version, state.Data.Length);
        }
        return knowledge;
    }
}
