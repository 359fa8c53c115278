namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Refuses its settings in the constructor, as a plugin should when they cannot work.</summary>
[AttunePlugin("throwing-constructor")]
public sealed class ThrowingConstructorStrategy : ILearningStrategy
{
    public ThrowingConstructorStrategy(PluginContext context) =>
        throw new ArgumentException($"Attune:Plugins:Settings:{context.Name}:Horizon must be positive.");

    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
