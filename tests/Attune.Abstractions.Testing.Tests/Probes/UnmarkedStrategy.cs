namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Implements the contract but lacks [AttunePlugin]: the host would never find it.</summary>
public sealed class UnmarkedStrategy : ILearningStrategy
{
    public PluginState Observe(PluginState state, LearningEvent learningEvent, Learners.LearnerHistory history) => state;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
