namespace Attune.Plugins.Testing.Tests.Probes;

/// <summary>Wants a constructor argument the host does not give.</summary>
[AttunePlugin("service-hungry")]
public sealed class ServiceHungryStrategy(HttpClient http) : ILearningStrategy
{
    public HttpClient Http { get; } = http;

    public PluginState Observe(PluginState state, LearningEvent learningEvent, Learners.LearnerHistory history) => state;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
