namespace Attune.Plugins.KnowledgeTracing.Learners;

/// <summary>One row of a learner's mastery, as the host would show it on the learner model.</summary>
/// <param name="Skill">The skill id, or the item id for an item without skills.</param>
/// <param name="IsItem">Whether <paramref name="Skill"/> is an item tracked as its own skill.</param>
/// <param name="Mastery">BKT P(L) at the time asked, forgetting included.</param>
/// <param name="PredictedCorrect">The logistic predictor's P(correct) on the skill.</param>
/// <param name="Estimate">The estimate the plugin plans with (one of the two above, per its settings).</param>
/// <param name="Answers">Answers on the skill.</param>
/// <param name="Successes">Correct answers on the skill.</param>
/// <param name="LastPracticed">The latest opportunity.</param>
public sealed record SkillMastery(
    string Skill,
    bool IsItem,
    double Mastery,
    double PredictedCorrect,
    double Estimate,
    int Answers,
    int Successes,
    DateTimeOffset LastPracticed);
