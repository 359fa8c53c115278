namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Implements the contract but lacks [AttunePlugin]: the host would never find it.</summary>
public sealed class UnmarkedStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
