namespace Attune.Plugins.StudyPlanner.Learners;

/// <summary>What the planner believes of one skill of one learner.</summary>
/// <param name="Known">P(L) right after the last session or answer on the skill (before forgetting since).</param>
/// <param name="LastTicks">UTC ticks of that last session or answer.</param>
/// <param name="Sessions">Study sessions on the skill.</param>
/// <param name="Answers">Scored answers on the skill.</param>
/// <param name="ScoreSum">The sum of those answers' scores (0..1 each).</param>
public readonly record struct SkillBelief(double Known, long LastTicks, int Sessions, int Answers, double ScoreSum);
