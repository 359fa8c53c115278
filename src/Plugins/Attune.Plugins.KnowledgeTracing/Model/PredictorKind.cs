namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>Which estimate of a skill the plugin plans with.</summary>
public enum PredictorKind
{
    /// <summary>BKT mastery P(L), with forgetting since the last opportunity.</summary>
    Bkt,

    /// <summary>The logistic predictor's P(correct) on the skill (PFA / Best-LR family).</summary>
    Logistic,
}
