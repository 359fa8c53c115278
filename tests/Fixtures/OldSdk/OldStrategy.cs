using Attune.Plugins;

// What every plugin built before SDK 2.0 carries: a 2.0 host must refuse it, saying which SDK it was built for,
// rather than fail later on a member 2.0 removed. (It compiles against 2.0 only so the fixture builds here.)
[assembly: AttuneSdk(1, 1)]

namespace Fixture.OldSdk;

/// <summary>Claims to be built for SDK 1.1.</summary>
[AttunePlugin("from-the-past")]
public sealed class OldStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
