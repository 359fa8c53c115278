using Attune;
using Attune.Learners;
using Attune.Plugins;

namespace Fixture.NeedsDependency;

[AttunePlugin("needs-dependency")]
public sealed class NeedsDependencyStrategy : ILearningStrategy
{
    private readonly string _greeting = new Fixture.Dependency.Greeting().Text; // loads the dependency at construction

    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) =>
        new(context.Candidates.Take(1).Select(c => new PlanStep(c.Candidate, 0, _greeting, c.Score)).ToList());
}
