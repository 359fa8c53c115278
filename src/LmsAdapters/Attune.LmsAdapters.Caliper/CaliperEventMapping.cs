namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// What became of one event: mapped (<see cref="Event"/>), accepted and skipped (<see cref="SkipReason"/>: an event
/// Attune does not model), or refused (<see cref="Error"/>: a learning event that cannot be stored, which refuses its
/// envelope).
/// </summary>
/// <param name="Index">Its position in the envelope's <c>data[]</c>.</param>
/// <param name="EventId">The id it has, or would have had, as a <see cref="LearningEvent"/>.</param>
/// <param name="Event">The event it became, when mapped.</param>
/// <param name="SkipReason">Why it produced no event, when skipped.</param>
public sealed record CaliperEventMapping(int Index, string EventId, LearningEvent? Event, string? SkipReason)
{
    /// <summary>Why the event was refused, naming its field under <c>data[i]</c>; <c>null</c> when mapped or skipped.</summary>
    public CaliperEnvelopeError? Error { get; init; }
}
