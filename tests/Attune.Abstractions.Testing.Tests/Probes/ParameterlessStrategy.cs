namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Needs no context: the host creates it with its parameterless constructor.</summary>
[AttunePlugin("parameterless")]
public sealed class ParameterlessStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
