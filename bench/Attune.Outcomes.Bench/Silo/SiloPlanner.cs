using Attune.Outcomes.Bench.Simulation;

namespace Attune.Outcomes.Bench.Silo;

/// <summary>
/// Attune under one tenant: the learner asks <c>GET …/recommendations?course=&amp;minutes=&lt;left today&gt;</c> and
/// posts what they did. Up to three calls a day: a plan shorter than the day is followed by another request for the
/// rest, as a learner with time left would ask again.
/// </summary>
public sealed class SiloPlanner(TenantClient tenant) : IPlanner
{
    public int CallsPerDay => 3;

    public Task<Plan> PlanAsync(SimulatedLearner learner, double minutesLeft, double t) =>
        tenant.RecommendAsync(learner.Id, learner.Course.Id, minutesLeft);

    public Task RecordAsync(SimulatedLearner learner, IReadOnlyList<EventJson> events) => tenant.PostEventsAsync(events);
}
