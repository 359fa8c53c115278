namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// No Attune: the learner follows the catalog's positions, resuming an item left part-way. Once every item was done,
/// they go over the drills and quizzes again in the course's order, the least repeated first (the way a student
/// revises with what can be redone); lessons and videos are not watched twice.
/// </summary>
public sealed class CourseOrderPlanner : IPlanner
{
    public static readonly CourseOrderPlanner Instance = new();

    /// <summary>One plan covers the day: it is the whole rest of the course.</summary>
    public int CallsPerDay => 1;

    public Task<Plan> PlanAsync(SimulatedLearner learner, double minutesLeft, double t)
    {
        var order = learner.Course.InCatalogOrder.ToList();
        var firsts = order.Where(i => learner.Repeats(i.Index) == 0);
        var reviews = order.Where(i => i.Kind is ItemKind.Drill or ItemKind.Quiz).OrderBy(i => learner.Repeats(i.Index)).ThenBy(i => i.Position);
        var steps = firsts.Concat(reviews).Take(60).ToList();
        return Task.FromResult(new Plan(steps.Select(i => i.Id).ToList(), steps.Sum(i => i.EstimatedMinutes), 0, []));
    }

    public Task RecordAsync(SimulatedLearner learner, IReadOnlyList<EventJson> events) => Task.CompletedTask;
}
