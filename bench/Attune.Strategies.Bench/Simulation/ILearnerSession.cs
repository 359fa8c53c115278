using Attune.Learners;
using Attune.Plugins;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>One policy serving one learner: plans a day and hears about every event, in order.</summary>
internal interface ILearnerSession
{
    LearningPlan PlanDay(LearnerHistory history, LearnerProfile profile, DateTimeOffset now, double remainingMinutes);

    void Observe(LearningEvent e, LearnerHistory history);
}
