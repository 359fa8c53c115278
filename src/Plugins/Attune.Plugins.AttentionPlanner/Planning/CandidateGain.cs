namespace Attune.Plugins.AttentionPlanner.Planning;

/// <summary>A candidate's expected gain, by where it comes from, with what the reason needs.</summary>
/// <param name="Mastery">Weighted expected mastery gain.</param>
/// <param name="Recall">Weighted recall a review restores.</param>
/// <param name="Due">Weighted deadline urgency.</param>
/// <param name="Score">Weighted recommender opinion.</param>
/// <param name="Target">The skill key the mastery part is mostly about, if any.</param>
/// <param name="TargetMastery">That skill's current estimate.</param>
/// <param name="TargetSeen">Whether the learner has had an opportunity on it.</param>
/// <param name="RecallNow">The item's recall probability now, when it was reviewed before.</param>
public readonly record struct CandidateGain(
    double Mastery,
    double Recall,
    double Due,
    double Score,
    string? Target,
    double TargetMastery,
    bool TargetSeen,
    double? RecallNow)
{
    /// <summary>The gain the knapsack maximises.</summary>
    public double Total => Mastery + Recall + Due + Score;
}
