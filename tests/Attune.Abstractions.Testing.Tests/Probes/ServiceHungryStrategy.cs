namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Wants a constructor argument the host does not give.</summary>
[AttunePlugin("service-hungry")]
public sealed class ServiceHungryStrategy(HttpClient http) : ILearningStrategy
{
    public HttpClient Http { get; } = http;

    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
