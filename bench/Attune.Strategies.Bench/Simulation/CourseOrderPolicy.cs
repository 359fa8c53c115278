using Attune.Learners;
using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// The course's own order: every item once in catalog order (lesson, practice, practice, …, unit test), then round
/// again through the practice sets; each day the next items in that order while minutes remain — the last one may run
/// over the day's budget (a learner following the course starts the next thing rather than skip ahead).
/// </summary>
internal sealed class CourseOrderPolicy(SyntheticCourse course) : ILearnerPolicy
{
    public string Name => "course order";

    public long Rejections => 0;

    public IReadOnlyList<double> PlanMilliseconds => [];

    public ILearnerSession Start() => new Session(course);

    private sealed class Session(SyntheticCourse course) : ILearnerSession
    {
        public LearningPlan PlanDay(LearnerHistory history, LearnerProfile profile, DateTimeOffset now, double remainingMinutes)
        {
            var order = course.Items
                .Where(i => history.Items.GetValueOrDefault(i.Candidate.Item)?.IsFinished != true)
                .OrderBy(i => Passes(history, i))
                .ThenBy(i => i.Position);
            var steps = new List<PlanStep>();
            var planned = 0.0;
            foreach (var item in order)
            {
                if (steps.Count == 10 || planned >= remainingMinutes)
                {
                    break;
                }
                steps.Add(new PlanStep(item.Candidate, item.Minutes, "next in the course", 1));
                planned += item.Minutes;
            }
            return new LearningPlan(steps);
        }

        public void Observe(LearningEvent e, LearnerHistory history)
        {
        }

        /// <summary>How many times the item was done: practice sets count attempts (five answers each).</summary>
        private static int Passes(LearnerHistory history, ItemSpec item) =>
            history.Items.GetValueOrDefault(item.Candidate.Item) is { } h ? (item.Kind == ItemKind.Practice ? h.Attempts / 5 : 1) : 0;
    }
}
