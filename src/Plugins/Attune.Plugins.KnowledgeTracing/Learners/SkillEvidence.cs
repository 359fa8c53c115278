namespace Attune.Plugins.KnowledgeTracing.Learners;

/// <summary>What one learner's events say about one skill: BKT mastery and the counts the logistic predictor reads.</summary>
/// <param name="Mastery">BKT P(L) right after the last opportunity (p⁺); forgetting since then is applied when read.</param>
/// <param name="LastAtTicks">UTC ticks of the latest opportunity.</param>
/// <param name="Opportunities">Opportunities seen: answers and unscored learning (completed lessons).</param>
/// <param name="Successes">Correct answers.</param>
/// <param name="Failures">Wrong answers.</param>
/// <param name="Last">The latest answer: +1 correct, −1 wrong, 0 none yet.</param>
/// <param name="Recent">Exponentially weighted mean of recent answers coded ±1 (R-PFA, Galyardt &amp; Goldin 2015).</param>
public readonly record struct SkillEvidence(
    double Mastery,
    long LastAtTicks,
    int Opportunities,
    int Successes,
    int Failures,
    sbyte Last,
    double Recent)
{
    /// <summary>Answers seen: successes plus failures.</summary>
    public int Answers => Successes + Failures;

    /// <summary>When the latest opportunity happened.</summary>
    public DateTimeOffset LastAt => new(LastAtTicks, TimeSpan.Zero);
}
