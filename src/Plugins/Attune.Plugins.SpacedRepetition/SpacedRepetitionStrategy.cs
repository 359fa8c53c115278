using Attune.Learners;
using Attune.Plugins.SpacedRepetition.Learners;
using Attune.Plugins.SpacedRepetition.Planning;

namespace Attune.Plugins.SpacedRepetition;

/// <summary>
/// Spaced repetition: an FSRS-6 memory per learner and item (stability, difficulty, recall, next due date) from
/// review-like events, with each learner's own weights once they have enough reviews (kept only when they lower the
/// log loss on reviews they were not fitted on); plans put due reviews first ("review now: recall has fallen to 72%").
/// </summary>
[AttunePlugin("spaced-repetition", Description = "Keeps an FSRS-6 memory per item and puts reviews whose recall has fallen first.")]
public sealed class SpacedRepetitionStrategy : ILearningStrategy, IDescribesLearner
{
    private readonly PluginContext _context;
    private readonly SpacedRepetitionTracker _tracker;
    private readonly ReviewPlanner _planner;

    /// <summary>Reads the settings; the host reports bad settings as this plugin's load error.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public SpacedRepetitionStrategy(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var options = context.Settings.Bind<SpacedRepetitionOptions>();
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}: {problem}.", nameof(context));
        }
        _tracker = new SpacedRepetitionTracker(options);
        _planner = new ReviewPlanner(_tracker);
    }

    /// <summary>The engine this plugin runs.</summary>
    public SpacedRepetitionTracker Tracker => _tracker;

    /// <inheritdoc />
    public PluginState Observe(ObservationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (state, learningEvent) = (context.State, context.Event);
        var memory = Read(state, out var unreadable);
        var changed = _tracker.Observe(memory, learningEvent, out var fit);
        if (fit is { HeldOutReviews: > 0 })
        {
            _context.Logger.Log(PluginLogLevel.Debug, null,
                "Per-learner FSRS fit at {Reviews} reviews: held-out log loss {Before} with the current weights, {After} fitted; kept: {Kept}",
                memory.TotalReviews, Math.Round(fit.HeldOutLogLossBefore, 4), Math.Round(fit.HeldOutLogLossAfter, 4), fit.Accepted);
        }
        return changed || unreadable ? memory.ToState() : state;
    }

    /// <inheritdoc />
    public LearningPlan Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _planner.Plan(context, Read(context.State, out _));
    }

    /// <summary>
    /// The learner's memory per item now, lowest recall first: recall probability, due date, latest review, stability,
    /// difficulty, reviews and lapses (<see cref="SpacedRepetitionMemory.Describe"/>).
    /// </summary>
    public LearnerDescription Describe(DescriptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SpacedRepetitionMemory.Describe(Read(context.State, out _), context.Now, _tracker);
    }

    /// <summary>The learner's memory per item at <paramref name="now"/>, lowest recall first.</summary>
    public IReadOnlyList<ItemRecall> Memory(PluginState state, DateTimeOffset now) =>
        SpacedRepetitionMemory.Read(Read(state, out _), now, _tracker);

    private SpacedRepetitionState Read(PluginState state, out bool unreadable)
    {
        var memory = SpacedRepetitionState.Read(state, out unreadable);
        if (unreadable)
        {
            _context.Logger.Log(PluginLogLevel.Warning, null,
                "A learner's state (version {Version}, {Bytes} bytes) is not readable by this version; starting that learner afresh",
                state.Version, state.Data.Length);
        }
        return memory;
    }
}
