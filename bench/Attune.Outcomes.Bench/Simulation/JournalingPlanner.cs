namespace Attune.Outcomes.Bench.Simulation;

/// <summary>A planner whose learners' events are kept, to be journaled later (the earlier cohort).</summary>
public sealed class JournalingPlanner(IPlanner inner) : IPlanner
{
    private readonly List<EventJson> _events = [];

    public int CallsPerDay => inner.CallsPerDay;

    public IReadOnlyList<EventJson> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public Task<Plan> PlanAsync(SimulatedLearner learner, double minutesLeft, double t) => inner.PlanAsync(learner, minutesLeft, t);

    public Task RecordAsync(SimulatedLearner learner, IReadOnlyList<EventJson> events)
    {
        lock (_events)
        {
            _events.AddRange(events);
        }
        return inner.RecordAsync(learner, events);
    }
}
