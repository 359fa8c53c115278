namespace Attune.Plugins.StudyPlanner.Learners;

/// <summary>What the planner believes of one skill of one learner.</summary>
/// <param name="Known">P(L) after the last answer on the skill, before the learning of the current session (and before forgetting since).</param>
/// <param name="LastTicks">UTC ticks of that last session or answer.</param>
/// <param name="Sessions">Study sessions on the skill.</param>
/// <param name="Answers">Scored answers on the skill.</param>
/// <param name="ScoreSum">The sum of those answers' scores (0..1 each).</param>
/// <param name="Unchecked">Sessions since the last answer: how much of the belief rests on study no answer has confirmed.</param>
/// <param name="PendingLearn">P(T) of the latest session: its learning is counted once the session is over, after its answers.</param>
public readonly record struct SkillBelief(double Known, long LastTicks, int Sessions, int Answers, double ScoreSum, int Unchecked = 0, double PendingLearn = 0)
{
    /// <summary>P(L) with the latest session's learning counted, before forgetting since.</summary>
    public double AfterSession => Known + (1 - Known) * PendingLearn;
}
