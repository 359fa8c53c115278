using Attune.Learners;
using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>The silo with no strategy: the course-popularity baseline packed greedily (<see cref="HostBaseline"/>).</summary>
internal sealed class PopularityPolicy(SyntheticCourse course) : ILearnerPolicy
{
    public string Name => "popularity (host baseline)";

    public long Rejections => 0;

    public IReadOnlyList<double> PlanMilliseconds => [];

    public ILearnerSession Start() => new Session(course);

    private sealed class Session(SyntheticCourse course) : ILearnerSession
    {
        public LearningPlan PlanDay(LearnerHistory history, LearnerProfile profile, DateTimeOffset now, double remainingMinutes) =>
            HostBaseline.Greedy(HostBaseline.Score(history, course.Items.Select(i => i.Candidate)), remainingMinutes, 10);

        public void Observe(LearningEvent e, LearnerHistory history)
        {
        }
    }
}
