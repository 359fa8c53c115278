using System.Globalization;
using Attune.Learners;
using Attune.Plugins.StudyPlanner.Learners;
using Attune.Plugins.StudyPlanner.Learning;
using Attune.Plugins.StudyPlanner.Planning;

namespace Attune.Plugins.StudyPlanner;

/// <summary>
/// The study planner: one plan from mastery, memory, the course's structure and the learner's minutes, valued by what
/// each activity did for learners in the tenant's own journal.
/// </summary>
/// <remarks>
/// <para>Per learner it traces each skill's P(L) (<see cref="StudyTracer"/>: knowledge tracing where each activity has its
/// own learning rate, with forgetting). Per tenant the host's strategy fit estimates those rates, the skills' guess,
/// slip, prior and forgetting, and prerequisites where the course states none (<see cref="LearningModelFitter"/>);
/// until then the settings are the prior. Plans (<see cref="StudyPlanBuilder"/>) spend the day's minutes on the steps
/// with the most expected learning, prerequisites first, the course's order as the tie-breaker and, where the course
/// states no prerequisites, as a weak prerequisite itself; finished items come back as reviews when they have faded.</para>
/// </remarks>
[AttunePlugin("study-planner", Description = "Plans the day's minutes on the steps with the most expected learning: knowledge tracing with a learning rate per activity fitted from the journal, forgetting and reviews, the course's prerequisites and order.")]
public sealed class StudyPlannerStrategy : ITrainableStrategy, IDescribesLearner, IEvaluatesStrategyModel, IDescribesModel
{
    private const int ProgressEvery = 10_000;
    private readonly PluginContext _context;
    private readonly StudyTracer _tracer;
    private readonly LearningModel _prior;
    private readonly StudyPlanBuilder _planner;

    /// <summary>Reads the settings; the host reports bad ones as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public StudyPlannerStrategy(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var options = context.Settings.Bind<StudyPlannerOptions>();
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
        _tracer = new StudyTracer(options);
        _prior = LearningModel.FromOptions(options);
        _planner = new StudyPlanBuilder(options);
    }

    /// <inheritdoc />
    public PluginState Observe(ObservationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (state, learningEvent, model) = (context.State, context.Event, context.Model);
        var study = Read(state);
        _tracer.Observe(study, learningEvent, ModelOf(model));
        return study.ToState();
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _planner.Plan(context, Read(context.State), ModelOf(context.Model));
    }

    /// <inheritdoc />
    public async Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(progress);
        const string reading = "reading the journal";
        progress.Report(new TrainingProgress(reading, 0));
        var skills = SkillsByItem(request.Catalog);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in request.Catalog)
        {
            if (entry.Kind is { } kind)
            {
                kinds.TryAdd(entry.Item.Value, kind);
            }
        }
        var events = new List<LearningEvent>();
        var total = Math.Max(1, interactions.EstimatedCount);
        await foreach (var e in interactions.ReadAsync(cancellationToken))
        {
            events.Add(e);
            if (events.Count % ProgressEvery == 0)
            {
                progress.Report(new TrainingProgress(reading, 30.0 * Math.Min(events.Count, total) / total));
            }
        }
        var chains = StudyChains.Build(events, e => e.Skills.Count > 0 ? e.Skills : skills.GetValueOrDefault(e.Item.Value, []), _tracer, cancellationToken);
        if (chains.Answers == 0)
        {
            return null; // nothing to learn guess, slip or rates from
        }
        progress.Report(new TrainingProgress($"fitting {chains.Items.Count} items and {chains.Keys.Count} skills on {chains.Sessions} sessions", 30));
        var fit = LearningModelFitter.Fit(chains, kinds, _tracer.Options, cancellationToken);
        progress.Report(new TrainingProgress("fitted", 100));
        var metrics = new Dictionary<string, double>
        {
            ["learners"] = chains.Learners,
            ["sessions"] = chains.Sessions,
            ["answers"] = chains.Answers,
            ["skills"] = fit.Model.Skills.Count,
            ["items"] = fit.Model.Items.Count,
            ["inferred_prerequisites"] = fit.Model.Inferred.Count,
            ["log_likelihood_per_answer"] = Math.Round(fit.LogLikelihoodPerAnswer, 6),
            ["em_iterations"] = fit.Iterations,
        };
        return new ModelArtifact(_context.Name, LearningModelArtifact.Format, LearningModelArtifact.Write(fit.Model), metrics);
    }

    /// <summary>Next-answer log loss (and AUC) on the held-out events, the learners' earlier events replayed first.</summary>
    public async Task<StrategyModelEvaluation> EvaluateAsync(IStrategyModel? model, IInteractionSource before, IInteractionSource holdout,
        IReadOnlyList<CatalogEntry> catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(catalog);
        var earlier = new List<LearningEvent>();
        await foreach (var e in before.ReadAsync(cancellationToken))
        {
            earlier.Add(e);
        }
        var held = new List<LearningEvent>();
        await foreach (var e in holdout.ReadAsync(cancellationToken))
        {
            held.Add(e);
        }
        var skills = SkillsByItem(catalog);
        return LearningModelEvaluator.Evaluate(ModelOf(model), _tracer, earlier, held, e => skills.GetValueOrDefault(e.Item.Value, []));
    }

    private static Dictionary<string, IReadOnlyList<SkillId>> SkillsByItem(IReadOnlyList<CatalogEntry> catalog)
    {
        var skills = new Dictionary<string, IReadOnlyList<SkillId>>(StringComparer.Ordinal);
        foreach (var entry in catalog)
        {
            if (entry.Skills.Count > 0)
            {
                skills.TryAdd(entry.Item.Value, entry.Skills);
            }
        }
        return skills;
    }

    /// <summary>The fitted model in words: inferred prerequisites with their evidence, what each activity and kind taught.</summary>
    public ModelDescription DescribeModel(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return LearningModelDescription.Describe(LearningModelArtifact.Read(artifact));
    }

    /// <inheritdoc />
    public IStrategyModel LoadModel(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return new StudyPlannerModel(artifact, LearningModelArtifact.Read(artifact));
    }

    /// <summary>Mastery per skill now, weakest first, with the answers and sessions it rests on.</summary>
    public LearnerDescription Describe(DescriptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = Read(context.State);
        var model = ModelOf(context.Model);
        var skills = new List<SkillDescription>();
        var items = new List<ItemDescription>();
        foreach (var (key, belief) in state.Skills.OrderBy(p => StudyTracer.KnownNow(state, p.Key, model, context.Now)).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var mastery = Math.Round(StudyTracer.KnownNow(state, key, model, context.Now), 4);
            var values = new Dictionary<string, double>
            {
                ["answers"] = belief.Answers,
                ["sessions"] = belief.Sessions,
                ["meanScore"] = belief.Answers > 0 ? Math.Round(belief.ScoreSum / belief.Answers, 4) : 0,
            };
            var last = new DateTimeOffset(belief.LastTicks, TimeSpan.Zero);
            if (StudyTracer.IsItemKey(key))
            {
                items.Add(new ItemDescription(new ItemId(key[StudyTracer.ItemKeyPrefix.Length..])) { Mastery = mastery, LastPracticed = last, Values = values });
            }
            else
            {
                skills.Add(new SkillDescription(new SkillId(key), mastery) { LastPracticed = last, Values = values });
            }
        }
        return new LearnerDescription(skills, items);
    }

    private LearningModel ModelOf(IStrategyModel? model) => (model as StudyPlannerModel)?.Model ?? _prior;

    private StudyState Read(PluginState state)
    {
        var study = StudyState.Read(state, out var unreadable);
        if (unreadable)
        {
            _context.Logger.Log(PluginLogLevel.Warning, null,
                "A learner's state (version {Version}, {Bytes} bytes) is not readable by this version; starting that learner afresh",
                state.Version, state.Data.Length.ToString(CultureInfo.InvariantCulture));
        }
        return study;
    }
}
