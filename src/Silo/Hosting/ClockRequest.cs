namespace Attune.Silo.Hosting;

/// <summary>The body of <c>PUT /api/v1/admin/clock</c> and its answer: the manual clock's time.</summary>
public sealed record ClockRequest(DateTimeOffset Now);
