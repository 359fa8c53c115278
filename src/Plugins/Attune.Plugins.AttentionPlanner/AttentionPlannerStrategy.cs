using Attune.Learners;
using Attune.Plugins.AttentionPlanner.Learners;
using Attune.Plugins.AttentionPlanner.Planning;
using Attune.Plugins.KnowledgeTracing;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Plugins.KnowledgeTracing.Planning;
using Attune.Plugins.SpacedRepetition;

namespace Attune.Plugins.AttentionPlanner;

/// <summary>
/// Attention-budget planning: for each candidate an expected gain from the learner's mastery (knowledge tracing),
/// recall (FSRS), deadlines and the recommender's score; the exact best set within the learner's remaining minutes
/// today (profile minutes per day minus today's time on task, capped by the request's budget) and the step limit;
/// each step with a reason a learner understands ("due Friday", "review now: recall has fallen to 72%",
/// "practise fractions: mastery 0.41, needed for the next unit").
/// </summary>
[AttunePlugin("attention-planner", Description = "Chooses the steps with the most expected learning that fit the learner's remaining minutes today (exact knapsack), from mastery, recall and deadlines.")]
public sealed class AttentionPlannerStrategy : ILearningStrategy
{
    private readonly PluginContext _context;
    private readonly KnowledgeTracer _tracer;
    private readonly SpacedRepetitionTracker _memory;
    private readonly AttentionBudgetPlanner _planner;

    /// <summary>Reads the settings (its own, and the engines' under <c>KnowledgeTracing:</c> and <c>SpacedRepetition:</c>).</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public AttentionPlannerStrategy(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var options = context.Settings.Bind<AttentionPlannerOptions>();
        var tracing = Section(context.Settings, "KnowledgeTracing:");
        var repetition = Section(context.Settings, "SpacedRepetition:");
        var tracingOptions = tracing.Bind<KnowledgeTracingOptions>();
        var repetitionOptions = repetition.Bind<SpacedRepetitionOptions>();
        KnowledgeTracingModel model;
        try
        {
            model = KnowledgeTracingModel.FromSettings(tracing);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}:KnowledgeTracing: {ex.Message}", nameof(context), ex);
        }
        var graph = SkillGraph.FromSettings(tracing);
        var tracingProblem = tracingOptions.Problem() ?? model.Problem() ?? graph.Problem();
        var repetitionProblem = repetitionOptions.Problem();
        var problem = options.Problem()
            ?? (tracingProblem is null ? null : $"KnowledgeTracing: {tracingProblem}")
            ?? (repetitionProblem is null ? null : $"SpacedRepetition: {repetitionProblem}");
        if (problem is not null)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
        _tracer = new KnowledgeTracer(tracingOptions, model);
        _memory = new SpacedRepetitionTracker(repetitionOptions);
        _planner = new AttentionBudgetPlanner(options, _tracer, new GainModel(options, _tracer, _memory, graph), graph);
    }

    /// <inheritdoc />
    public PluginState Observe(ObservationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (state, learningEvent) = (context.State, context.Event);
        var attention = Read(state, out var unreadable);
        var traced = _tracer.Observe(attention.Knowledge, learningEvent);
        var reviewed = _memory.Observe(attention.Memory, learningEvent, out _);
        return traced || reviewed || unreadable ? attention.ToState() : state;
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _planner.Plan(context, Read(context.State, out _));
    }

    private AttentionState Read(PluginState state, out bool unreadable)
    {
        var attention = AttentionState.Read(state, out unreadable);
        if (unreadable)
        {
            _context.Logger.Log(PluginLogLevel.Warning, null,
                "A learner's state (version {Version}, {Bytes} bytes) is not readable by this version; starting that learner afresh",
                state.Version, state.Data.Length);
        }
        return attention;
    }

    /// <summary>The settings under <paramref name="prefix"/>, with the prefix removed: what the engine's own plugin would read.</summary>
    private static PluginSettings Section(PluginSettings settings, string prefix) =>
        new(settings.Values
            .Where(p => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && p.Key.Length > prefix.Length)
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.OrdinalIgnoreCase));
}
