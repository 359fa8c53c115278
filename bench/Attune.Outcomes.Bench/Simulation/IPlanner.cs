namespace Attune.Outcomes.Bench.Simulation;

/// <summary>Who decides a simulated learner's next steps: the course's order, the silo under one tenant, or the all-seeing planner.</summary>
public interface IPlanner
{
    /// <summary>How often a learner asks in one day when the plan leaves minutes over.</summary>
    int CallsPerDay { get; }

    /// <summary>The next steps (item ids, in order) for <paramref name="learner"/> with <paramref name="minutesLeft"/> left today.</summary>
    Task<Plan> PlanAsync(SimulatedLearner learner, double minutesLeft, double t);

    /// <summary>What the learner did on the steps of one plan.</summary>
    Task RecordAsync(SimulatedLearner learner, IReadOnlyList<EventJson> events);
}
