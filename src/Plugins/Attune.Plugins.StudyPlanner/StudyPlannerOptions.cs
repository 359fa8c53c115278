using System.Globalization;

namespace Attune.Plugins.StudyPlanner;

/// <summary>
/// Settings of the <c>study-planner</c> strategy, from <c>Attune:Plugins:Settings:study-planner:&lt;key&gt;</c>. They are
/// the prior: once the strategy fit has run, the fitted learning rates, guess, slip, forgetting and inferred
/// prerequisites take over, and these only fill in for what the journal does not show yet.
/// </summary>
public sealed class StudyPlannerOptions
{
    /// <summary>Events on one item closer together than this many minutes are one study session (one learning opportunity).</summary>
    public double SessionGapMinutes { get; set; } = 60;

    /// <summary>P(L0) of a skill nothing is known of: the share of learners who know it already.</summary>
    public double Prior { get; set; } = 0.2;

    /// <summary>P(T) of an activity nothing is known of: one session teaches an unknown skill with this probability.</summary>
    public double Learn { get; set; } = 0.2;

    /// <summary>P(G), a right answer while the skill is unknown.</summary>
    public double Guess { get; set; } = 0.2;

    /// <summary>P(S), a wrong answer while the skill is known.</summary>
    public double Slip { get; set; } = 0.1;

    /// <summary>P(F) per day: a known skill is forgotten over one day without practice.</summary>
    public double ForgetPerDay { get; set; } = 0.03;

    /// <summary>
    /// Learning rates by the LMS's word for an item's kind, as the prior before the fit (<c>kind=rate</c> pairs,
    /// comma-separated). Empty by default: a kind says little until the journal shows what such items did.
    /// </summary>
    public string KindLearn { get; set; } = "";

    /// <summary>Mastery of a prerequisite from which material built on it teaches fully.</summary>
    public double ReadyAt { get; set; } = 0.7;

    /// <summary>Mastery of a prerequisite below which material built on it teaches almost nothing.</summary>
    public double UnreadyBelow { get; set; } = 0.25;

    /// <summary>What material whose prerequisites are not met still teaches, as a share.</summary>
    public double UnreadyShare { get; set; } = 0.05;

    /// <summary>
    /// When the catalog names no prerequisite at all, each skill is taken to rest on the one before it in the course's order,
    /// with this much weight (0 = the order says nothing, 1 = as strong as a stated prerequisite).
    /// </summary>
    public double OrderAsPrerequisite { get; set; } = 0.6;

    /// <summary>Mastery from which a skill counts as known in reasons and needs no more study.</summary>
    public double MasteredAt { get; set; } = 0.95;

    /// <summary>
    /// What answers on a skill are worth, in expected mastery points at the most uncertain belief (P(L) = 0.5), when no
    /// answer has checked the study since: a belief no answer confirms sends the learner on to material built on what they
    /// may not know, or back to what they already do. Scaled by 4·P(L)·(1 − P(L)).
    /// </summary>
    public double CheckValue { get; set; } = 0.08;

    /// <summary>
    /// What a skill each step beyond the learner's place in the course counts for (1 = no preference for the course's
    /// order, 0 = strictly in order). The place is the first skill, prerequisites first then the course's order, not yet
    /// at <see cref="ReadyAt"/>.
    /// </summary>
    public double FocusDecay { get; set; } = 0.5;

    /// <summary>
    /// What opening an item the LMS keeps closed counts for, as a share of that item's own value: a lesson that opens its
    /// section's practice is worth more than what it teaches alone.
    /// </summary>
    public double UnlockShare { get; set; } = 0.5;

    /// <summary>
    /// How far a prerequisite's estimate is trusted when no answer has confirmed it since it was last studied: material built
    /// on it, and the learner's place in the course, count it as this share of its estimate, so a skill is checked before
    /// the course moves on from it.
    /// </summary>
    public double UncheckedTrust { get; set; } = 0.75;

    /// <summary>
    /// Whether plans follow the course's path: the items not met yet, in the course's order repaired so that nothing comes
    /// before what it rests on. The next of them is the step unless a review is worth clearly more per minute
    /// (<see cref="ReviewMargin"/>); once the path is walked, reviews rotate through the items that bring answers, the least
    /// practised first, then in path order. Off, every step is chosen by expected learning per minute from the start.
    /// </summary>
    public bool FollowCourse { get; set; } = true;

    /// <summary>
    /// Below this trusted mastery of a skill the path's next step builds on, the plan first practises that skill (the started
    /// item that brings answers on it and teaches most per minute): mastery before moving on. 0 never waits.
    /// </summary>
    public double PrepareBelow { get; set; } = 0.6;

    /// <summary>How many times the next step of the course's path a review's expected learning per minute must be to go first.</summary>
    public double ReviewMargin { get; set; } = 2;

    /// <summary>
    /// The spacing effect, as the prior: more study of a skill last studied d days ago counts 1 − e^(−d / SpacingDays) of its
    /// learning, so reviews go to what was not practised for longest rather than to yesterday's skill (Cepeda et al. 2006,
    /// distributed practice). 0 turns it off.
    /// </summary>
    public double SpacingDays { get; set; } = 4;

    /// <summary>
    /// What studying an item again that brings no answers (re-reading a lesson, re-watching a video) teaches, as a share of
    /// its first time: retrieval practice does more for memory than restudy (Roediger and Karpicke 2006).
    /// </summary>
    public double RereadShare { get; set; } = 0.5;

    /// <summary>
    /// Minutes left over that no whole step fits, from which the plan begins the course's next step (one that can be left
    /// part-way and resumed) rather than leave them idle. 0 never begins a step it cannot finish.
    /// </summary>
    public double StartWithMinutes { get; set; } = 3;

    /// <summary>How many of the path's next steps its worth per minute is judged by (the best of them).</summary>
    public int PathWindow { get; set; } = 4;

    /// <summary>
    /// An item that brings no answers and that the fit shows teaching less than this share of the course's median learning per
    /// minute (with <see cref="DeferEvidence"/> learners behind it) leaves the path: it comes after the rest of the course,
    /// when it is still worth its minutes.
    /// </summary>
    public double DeferBelow { get; set; } = 0.35;

    /// <summary>Learners an item's fitted effect must rest on before it can leave the path.</summary>
    public int DeferEvidence { get; set; } = 5;

    /// <summary>Extra value, as a share, for an item due within <see cref="DueHorizonDays"/> that is not finished.</summary>
    public double DueBonus { get; set; } = 1;

    /// <summary>Deadlines further than this many days add nothing.</summary>
    public double DueHorizonDays { get; set; } = 3;

    /// <summary>The learning rate of an activity per kind, parsed from <see cref="KindLearn"/>.</summary>
    public IReadOnlyDictionary<string, double> KindLearnRates() =>
        KindLearn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem()
    {
        foreach (var (name, value) in new[] { ("Prior", Prior), ("Learn", Learn), ("Guess", Guess), ("Slip", Slip), ("ForgetPerDay", ForgetPerDay),
                     ("ReadyAt", ReadyAt), ("UnreadyBelow", UnreadyBelow), ("UnreadyShare", UnreadyShare), ("OrderAsPrerequisite", OrderAsPrerequisite), ("MasteredAt", MasteredAt), ("FocusDecay", FocusDecay), ("UnlockShare", UnlockShare), ("UncheckedTrust", UncheckedTrust), ("DeferBelow", DeferBelow), ("PrepareBelow", PrepareBelow), ("RereadShare", RereadShare) })
        {
            if (!(value >= 0 && value <= 1))
            {
                return $"{name} must be a probability from 0 to 1, was {value.ToString(CultureInfo.InvariantCulture)}";
            }
        }
        if (Guess + Slip >= 0.95)
        {
            return "Guess + Slip must be below 0.95, or a right answer would not be evidence of knowing";
        }
        if (!(UnreadyBelow < ReadyAt))
        {
            return "UnreadyBelow must be below ReadyAt";
        }
        if (!(SessionGapMinutes > 0 && SessionGapMinutes <= 24 * 60))
        {
            return "SessionGapMinutes must be above 0 and at most a day";
        }
        if (!(CheckValue >= 0 && CheckValue <= 1))
        {
            return "CheckValue must be from 0 to 1";
        }
        if (!(ReviewMargin > 0 && double.IsFinite(ReviewMargin)) || DeferEvidence < 0 || PathWindow < 1 || !(SpacingDays >= 0 && double.IsFinite(SpacingDays)) || !(StartWithMinutes >= 0 && double.IsFinite(StartWithMinutes)))
        {
            return "ReviewMargin must be above 0, DeferEvidence at least 0, PathWindow at least 1, SpacingDays and StartWithMinutes at least 0";
        }
        if (!(DueBonus >= 0 && double.IsFinite(DueBonus)) || !(DueHorizonDays > 0 && double.IsFinite(DueHorizonDays)))
        {
            return "DueBonus must be at least 0 and DueHorizonDays above 0";
        }
        try
        {
            foreach (var (kind, rate) in KindLearnRates())
            {
                if (!(rate >= 0 && rate <= 1))
                {
                    return $"KindLearn: the rate of '{kind}' must be from 0 to 1";
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            return "KindLearn must be kind=rate pairs separated by commas, e.g. page=0.3,quiz=0.2";
        }
        return null;
    }
}
