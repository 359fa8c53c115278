using Attune;
using Attune.Learners;
using Attune.Plugins;

[assembly: AttuneSdk(99, 0)]

namespace Fixture.WrongSdk;

/// <summary>Claims to be built for SDK 99: the host must refuse it instead of calling into contracts that may differ.</summary>
[AttunePlugin("from-the-future")]
public sealed class FutureStrategy : ILearningStrategy
{
    public PluginState Observe(PluginState state, LearningEvent learningEvent, LearnerHistory history) => state;

    public LearningPlan Plan(PlanningContext context) => new([]);
}
