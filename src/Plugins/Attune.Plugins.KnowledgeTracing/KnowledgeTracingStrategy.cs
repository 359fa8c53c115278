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
/// Parameters come from the settings (<see cref="KnowledgeTracingModel.FromSettings"/>), written there by the host's
/// fitting job (<see cref="KnowledgeTracingTrainer"/>), or are the defaults. The host can show mastery with
/// <see cref="KnowledgeTracingMastery.Read(PluginState, DateTimeOffset, PluginSettings?)"/> or <see cref="Mastery"/>.
/// </remarks>
[AttunePlugin("knowledge-tracing", Description = "Traces mastery per skill (BKT with forgetting, logistic PFA/Best-LR predictor) and plans practice on the weakest skills the learner is ready for.")]
public sealed class KnowledgeTracingStrategy : ILearningStrategy
{
    private readonly PluginContext _context;
    private readonly KnowledgeTracer _tracer;
    private readonly PracticePlanner _planner;

    /// <summary>Reads the settings and fitted parameters; the host reports bad ones as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, a fitted parameter is degenerate, or prerequisites form a cycle.</exception>
    public KnowledgeTracingStrategy(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var options = context.Settings.Bind<KnowledgeTracingOptions>();
        KnowledgeTracingModel model;
        try
        {
            model = KnowledgeTracingModel.FromSettings(context.Settings);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {ex.Message}", nameof(context), ex);
        }
        var graph = SkillGraph.FromSettings(context.Settings);
        if ((options.Problem() ?? model.Problem() ?? graph.Problem()) is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
        _tracer = new KnowledgeTracer(options, model);
        _planner = new PracticePlanner(_tracer, graph);
    }

    /// <summary>The engine this plugin runs (rules and parameters).</summary>
    public KnowledgeTracer Tracer => _tracer;

    /// <inheritdoc />
    public PluginState Observe(PluginState state, LearningEvent learningEvent, LearnerHistory history)
    {
        ArgumentNullException.ThrowIfNull(learningEvent);
        var knowledge = Read(state, out var unreadable);
        var changed = _tracer.Observe(knowledge, learningEvent);
        // Unreadable bytes are replaced at once, so the warning is logged once, not at every event.
        return changed || unreadable ? knowledge.ToState() : state;
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _planner.Plan(context, Read(context.State, out _));
    }

    /// <summary>The learner's mastery per skill at <paramref name="now"/>, weakest first.</summary>
    public IReadOnlyList<SkillMastery> Mastery(PluginState state, DateTimeOffset now) =>
        KnowledgeTracingMastery.Read(Read(state, out _), now, _tracer);

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
