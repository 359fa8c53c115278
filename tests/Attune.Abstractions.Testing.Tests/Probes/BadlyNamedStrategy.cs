namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Named with capitals and a space, which configuration could not name reliably.</summary>
[AttunePlugin("Due Dates")]
public sealed class BadlyNamedStrategy : ILearningStrategy
{
    public PluginState Observe(PluginState state, LearningEvent learningEvent, Learners.LearnerHistory history) => state;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
