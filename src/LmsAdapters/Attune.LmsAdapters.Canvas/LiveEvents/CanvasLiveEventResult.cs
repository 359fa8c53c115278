namespace Attune.LmsAdapters.Canvas;

/// <summary>What became of one live event: mapped (<see cref="Event"/>) or accepted and skipped (<see cref="SkipReason"/>).</summary>
/// <param name="EventName">The Canvas event name (<c>grade_change</c>), or for the Caliper format the event's type and action.</param>
/// <param name="EventId">The id it has, or would have had, as a <see cref="LearningEvent"/>.</param>
/// <param name="Event">The event it became, when mapped.</param>
/// <param name="SkipReason">Why it produced no event, when skipped.</param>
public sealed record CanvasLiveEventResult(string EventName, string EventId, LearningEvent? Event, string? SkipReason);
