namespace Attune.Plugins.AttentionPlanner;

/// <summary>
/// Settings of the <c>attention-planner</c> strategy, from <c>Attune:Plugins:Settings:attention-planner:&lt;key&gt;</c>.
/// The engines it runs take the knowledge-tracing and spaced-repetition plugins' own keys under
/// <c>KnowledgeTracing:</c> and <c>SpacedRepetition:</c> (for example <c>KnowledgeTracing:Prerequisites:decimals</c>,
/// <c>KnowledgeTracing:Bkt:Learn</c>, <c>SpacedRepetition:RequestRetention</c>).
/// </summary>
/// <remarks>
/// The gain of a candidate, in expected mastery points (see <see cref="Planning.GainModel"/>):
/// <c>MasteryWeight·Σ_skills gate·(1 − m)·T/T̄ + RecallWeight·(1 − R)·m̄ + DueWeight·urgency + ScoreWeight·place</c>.
/// </remarks>
public sealed class AttentionPlannerOptions
{
    /// <summary>Weight of the expected mastery gain, Σ over the item's skills of (1 − mastery)·T/T̄, gated by prerequisites.</summary>
    public double MasteryWeight { get; set; } = 1;

    /// <summary>Weight of the recall a review restores, (1 − R)·m̄, for items reviewed before.</summary>
    public double RecallWeight { get; set; } = 1;

    /// <summary>Weight of a deadline: full weight when overdue (within <see cref="OverdueDays"/>) or due now, falling to 0 at <see cref="DueHorizonDays"/>.</summary>
    public double DueWeight { get; set; } = 0.15;

    /// <summary>Deadlines further than this many days do not add urgency.</summary>
    public double DueHorizonDays { get; set; } = 3;

    /// <summary>Items overdue by more than this many days add no urgency (their LMS has usually closed them).</summary>
    public double OverdueDays { get; set; } = 7;

    /// <summary>Weight of the recommender's (or previous strategy's) opinion, as 1 for the best candidate down to 0 for the last.</summary>
    public double ScoreWeight { get; set; } = 0.02;

    /// <summary>The knapsack's resolution in minutes (exact for item minutes that are multiples of it).</summary>
    public double ResolutionMinutes { get; set; } = 1;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem() =>
        new[] { MasteryWeight, RecallWeight, DueWeight, ScoreWeight }.Any(w => !(w >= 0 && double.IsFinite(w))) ? "the weights must be finite numbers of at least 0"
        : !(DueHorizonDays > 0 && double.IsFinite(DueHorizonDays)) ? "DueHorizonDays must be a positive number of days"
        : !(OverdueDays >= 0 && double.IsFinite(OverdueDays)) ? "OverdueDays must be a number of days of at least 0"
        : !(ResolutionMinutes > 0 && ResolutionMinutes <= 60) ? "ResolutionMinutes must be above 0 and at most 60"
        : null;
}
