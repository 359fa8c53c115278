namespace Attune.Silo.Learners;

/// <summary>What <c>GET /api/v1/learners/{learner}/recommendations</c> asks for.</summary>
[GenerateSerializer, Immutable, Alias("attune.recommendation-request")]
public sealed record RecommendationRequest(
    [property: Id(0)] string? Course,
    [property: Id(1)] int Limit,
    [property: Id(2)] double? Minutes);

/// <summary>One suggested next step.</summary>
[GenerateSerializer, Immutable, Alias("attune.recommendation")]
public sealed record Recommendation(
    [property: Id(0)] string Item,
    [property: Id(1)] string? Course,
    [property: Id(2)] double Score,
    [property: Id(3)] double Minutes,
    [property: Id(4)] string Reason,
    [property: Id(5)] string? Title);

/// <summary>Which plugins produced a recommendation, in which A/B variant, and what fell back to the baseline and why.</summary>
[GenerateSerializer, Immutable, Alias("attune.provenance")]
public sealed record Provenance(
    [property: Id(0)] string Recommender,
    [property: Id(1)] IReadOnlyList<string> Strategies,
    [property: Id(2)] string? Variant,
    [property: Id(3)] IReadOnlyList<string> Fallbacks,
    [property: Id(4)] long? ModelVersion);

/// <summary>The answer: steps in order, what produced them, and how much of the time budget they use.</summary>
[GenerateSerializer, Immutable, Alias("attune.recommendation-list")]
public sealed record RecommendationList(
    [property: Id(0)] IReadOnlyList<Recommendation> Items,
    [property: Id(1)] Provenance Plugins,
    [property: Id(2)] double? BudgetMinutes,
    [property: Id(3)] double PlannedMinutes);
