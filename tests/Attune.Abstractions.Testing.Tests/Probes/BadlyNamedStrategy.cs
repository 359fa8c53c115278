namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Named with capitals and a space, which configuration could not name reliably.</summary>
[AttunePlugin("Due Dates")]
public sealed class BadlyNamedStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
