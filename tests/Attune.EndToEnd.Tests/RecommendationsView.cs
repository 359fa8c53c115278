namespace Attune.EndToEnd.Tests;

/// <summary>What <c>GET /api/v1/learners/{learner}/recommendations</c> returns.</summary>
public sealed record RecommendationsView(
    List<RecommendationsView.Step> Items,
    RecommendationsView.Provenance Plugins,
    double? BudgetMinutes,
    double PlannedMinutes)
{
    public sealed record Step(string Item, string? Course, double Score, double Minutes, string Reason, string? Title);

    /// <summary>Which recommender and strategies produced the list, and what fell back to the baseline.</summary>
    public sealed record Provenance(string Recommender, List<string> Strategies, string? Variant, List<string> Fallbacks, long? ModelVersion);
}
