using Attune.Plugins;

[assembly: AttuneSdk(99, 0)]

namespace Fixture.WrongSdk;

/// <summary>Claims to be built for SDK 99: the host must refuse it instead of calling into contracts that may differ.</summary>
[AttunePlugin("from-the-future")]
public sealed class FutureStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
