namespace Attune.LmsAdapters.Canvas;

/// <summary>The throttling headers of Canvas's last answer to a token (doc/api/throttling.md).</summary>
/// <param name="Remaining"><c>X-Rate-Limit-Remaining</c>: what is left of the token's bucket, when Canvas sent it.</param>
/// <param name="RequestCost"><c>X-Request-Cost</c>: what the request cost, when sent.</param>
/// <param name="ObservedAt">When the answer arrived.</param>
public sealed record CanvasRateLimit(double? Remaining, double? RequestCost, DateTimeOffset ObservedAt);
