using Attune.Learners;

namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>A strategy whose behaviour each test scripts; by default it counts events and plans candidates in order.</summary>
[AttunePlugin("scripted-strategy")]
public sealed class ScriptedStrategy(PluginContext context) : ILearningStrategy
{
    public PluginContext Context { get; } = context;

    public Func<PluginState, LearningEvent, LearnerHistory, PluginState> OnObserve { get; set; } = CountEvents;

    public Func<PlanningContext, LearningPlan> OnPlan { get; set; } = InOrder;

    public PluginState Observe(ObservationContext context) => OnObserve(context.State, context.Event, context.History);

    public LearningPlan Plan(PlanningContext context) => OnPlan(context);

    /// <summary>Version 1: the number of events observed, as 4 little-endian bytes.</summary>
    public static PluginState CountEvents(PluginState state, LearningEvent e, LearnerHistory history) =>
        new(1, BitConverter.GetBytes(Count(state) + 1));

    public static int Count(PluginState state) => state.IsEmpty ? 0 : BitConverter.ToInt32(state.Data.Span);

    public static LearningPlan InOrder(PlanningContext context) =>
        new(context.Candidates.Take(context.Limit).Select(c => new PlanStep(c.Candidate, c.Candidate.Minutes, "Next in line.", c.Score)).ToList());
}
