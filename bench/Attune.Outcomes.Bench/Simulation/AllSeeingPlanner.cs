namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// The bound the others are measured against: a planner that reads the learner's hidden state and picks, one step at
/// a time, the item with the most true expected mastery gain per expected minute of this learner. Greedy, so it does
/// not plan for spacing or the test three days later; it is an upper reference, not an optimum.
/// </summary>
public sealed class AllSeeingPlanner : IPlanner
{
    public static readonly AllSeeingPlanner Instance = new();

    /// <summary>It plans one step at a time, so it asks as often as the day has room for.</summary>
    public int CallsPerDay => 500;

    public Task<Plan> PlanAsync(SimulatedLearner learner, double minutesLeft, double t)
    {
        var best = learner.Course.Items
            .Select(i => (Item: i, Gain: learner.ExpectedGain(i, t), Minutes: learner.ExpectedMinutes(i)))
            .MaxBy(x => x.Gain / x.Minutes);
        // Nothing worth a minute (a thousandth of a skill): the day is over.
        return Task.FromResult(best.Gain * learner.Course.Skills.Count / best.Minutes < 0.001
            ? Plan.Empty
            : new Plan([best.Item.Id], best.Item.EstimatedMinutes, 0, []));
    }

    public Task RecordAsync(SimulatedLearner learner, IReadOnlyList<EventJson> events) => Task.CompletedTask;
}
