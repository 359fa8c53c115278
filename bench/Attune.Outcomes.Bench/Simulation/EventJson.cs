namespace Attune.Outcomes.Bench.Simulation;

/// <summary>One learning event as the bench posts it to <c>POST /api/v1/events</c>; null members are left out.</summary>
public sealed record EventJson(
    string Id, string Learner, string Item, string Course, string Kind, DateTimeOffset Timestamp, double? Score, double? DurationSeconds,
    IReadOnlyList<string> Skills);
