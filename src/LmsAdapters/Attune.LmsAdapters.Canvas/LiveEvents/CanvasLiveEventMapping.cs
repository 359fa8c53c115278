using Attune.LmsAdapters.Caliper;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// A verified Live Events payload mapped. When <see cref="Error"/> is set the receiver answers 400 (or 422 for a
/// Caliper envelope of an unsupported data version) and stores nothing; otherwise it stores <see cref="Events"/>
/// (skipped events are accepted too: Canvas deactivates a subscription whose deliveries keep failing).
/// </summary>
/// <param name="Format">The format recognised.</param>
/// <param name="Results">One entry per event (the Canvas format carries one; a Caliper envelope one or more).</param>
/// <param name="Error">Why the payload was refused, naming the field.</param>
public sealed record CanvasLiveEventMapping(CanvasLiveEventFormat Format, IReadOnlyList<CanvasLiveEventResult> Results, CaliperEnvelopeError? Error = null)
{
    /// <summary>Whether the payload was valid.</summary>
    public bool IsValid => Error is null;

    /// <summary>The mapped events.</summary>
    public IReadOnlyList<LearningEvent> Events => [.. Results.Where(r => r.Event is not null).Select(r => r.Event!)];
}
