using Attune.Plugins.KnowledgeTracing.Model;

namespace Attune.Plugins.KnowledgeTracing;

/// <summary>
/// Settings of the <c>knowledge-tracing</c> strategy, from <c>Attune:Plugins:Settings:knowledge-tracing:&lt;key&gt;</c>.
/// Fitted parameters (<c>Bkt:…</c>, <c>Logistic:…</c>) are read by <see cref="KnowledgeTracingModel.FromSettings"/>;
/// prerequisites and skill names (<c>Prerequisites:&lt;skill&gt;</c>, <c>SkillNames:&lt;skill&gt;</c>) by
/// <see cref="Planning.SkillGraph.FromSettings"/>.
/// </summary>
public sealed class KnowledgeTracingOptions
{
    /// <summary>
    /// Which estimate plans and fills reasons: <c>bkt</c> (the default), BKT's P(L) with forgetting, or <c>logistic</c>,
    /// the PFA/Best-LR predictor's P(correct). The logistic model predicts the next answer better (AUC 0.771 against
    /// 0.719 on ASSISTments 2009, bench/Attune.Strategies.Bench) and is always computed and reported, but it estimates
    /// performance, not knowledge: a skill never practised inherits the learner's general correctness, lessons do not
    /// move it and it has no forgetting, so as a planning estimate it opens skills whose prerequisites are unknown. In
    /// the bench's simulator planning with it gains far less mastery per hour than planning with BKT.
    /// </summary>
    public string Predictor { get; set; } = "bkt";

    /// <summary>
    /// A skill is mastered at this estimate. Default 0.95 for BKT (Corbett &amp; Anderson's mastery criterion) and 0.9
    /// for the logistic predictor, whose P(correct) stays below 1 − slip.
    /// </summary>
    public double? MasteredAt { get; set; }

    /// <summary>A skill is ready to learn when every prerequisite's estimate reaches this.</summary>
    public double ReadyAt { get; set; } = 0.6;

    /// <summary>
    /// A skill is wheel-spinning (Beck &amp; Gong 2013) when the learner has answered on it this many times and its
    /// estimate is still below <see cref="ReadyAt"/>: more of the same practice rarely helps, so it waits behind other
    /// material. 0 turns this off.
    /// </summary>
    public int WheelSpinAnswers { get; set; } = 10;

    /// <summary>An answer is correct when its score (0..1) is at least this, as <c>LearnerHistory.Successes</c> counts.</summary>
    public double CorrectAtScore { get; set; } = 0.5;

    /// <summary>Length of BKT's forgetting period in days: P(F) is the chance of forgetting a known skill per period.</summary>
    public double ForgettingPeriodDays { get; set; } = 1;

    /// <summary>Event kinds whose score is an answer (comma-separated). Events without a score are not answers.</summary>
    public string AnswerKinds { get; set; } = "answered,graded,reviewed";

    /// <summary>
    /// Event kinds that, without a score, are a learning opportunity without evidence (a completed lesson): BKT applies
    /// the learning step and nothing else. Empty turns it off.
    /// </summary>
    public string LearningKinds { get; set; } = "completed";

    /// <summary>
    /// When the host fits the model from the journal (<see cref="KnowledgeTracingStrategy.TrainAsync"/>), a skill needs at
    /// least this many answers, over all learners, for BKT parameters of its own; rarer skills use the fit pooled over
    /// every skill.
    /// </summary>
    public int FitMinAnswersPerSkill { get; set; } = 30;

    /// <summary>The predictor, parsed.</summary>
    public PredictorKind PredictorKind =>
        string.Equals(Predictor, "bkt", StringComparison.OrdinalIgnoreCase) ? PredictorKind.Bkt : PredictorKind.Logistic;

    /// <summary>The mastery threshold in force.</summary>
    public double MasteryThreshold => MasteredAt ?? (PredictorKind == PredictorKind.Bkt ? 0.95 : 0.9);

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem() =>
        !string.Equals(Predictor, "bkt", StringComparison.OrdinalIgnoreCase) && !string.Equals(Predictor, "logistic", StringComparison.OrdinalIgnoreCase)
            ? "Predictor must be 'logistic' or 'bkt'"
        : MasteredAt is { } m && !(m > 0 && m <= 1) ? "MasteredAt must be a probability above 0"
        : !(ReadyAt >= 0 && ReadyAt <= 1) ? "ReadyAt must be a probability"
        : WheelSpinAnswers < 0 ? "WheelSpinAnswers must be at least 0"
        : !(CorrectAtScore > 0 && CorrectAtScore <= 1) ? "CorrectAtScore must be a score above 0 and at most 1"
        : !(ForgettingPeriodDays > 0 && double.IsFinite(ForgettingPeriodDays)) ? "ForgettingPeriodDays must be a positive number of days"
        : FitMinAnswersPerSkill < 1 ? "FitMinAnswersPerSkill must be at least 1"
        : null;
}
