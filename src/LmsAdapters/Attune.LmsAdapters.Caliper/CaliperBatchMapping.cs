namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// A whole envelope mapped. A receiver checks <see cref="IsValid"/>: when false it answers <see cref="Error"/>
/// (400, or 422 for <see cref="CaliperErrorKind.UnsupportedDataVersion"/>) and stores nothing; otherwise it
/// stores <see cref="Events"/> and answers 200.
/// </summary>
/// <param name="Envelope">The parsed envelope, when valid.</param>
/// <param name="Results">One entry per event of <c>data[]</c>, in order (entity describes have none).</param>
/// <param name="Error">Why the envelope was refused, or <c>null</c>.</param>
public sealed record CaliperBatchMapping(CaliperEnvelope? Envelope, IReadOnlyList<CaliperEventMapping> Results, CaliperEnvelopeError? Error = null)
{
    /// <summary>Whether the envelope was valid.</summary>
    public bool IsValid => Error is null && Envelope is not null;

    /// <summary>The mapped events, in order.</summary>
    public IReadOnlyList<LearningEvent> Events => [.. Results.Where(r => r.Event is not null).Select(r => r.Event!)];
}
