namespace Attune.LmsAdapters.Caliper;

/// <summary>A request body read as a Caliper envelope: the envelope, or why it was refused. Never both.</summary>
/// <param name="Envelope">The envelope, when every part of it is valid.</param>
/// <param name="Error">The first problem found, when it is not.</param>
public sealed record CaliperParsedEnvelope(CaliperEnvelope? Envelope, CaliperEnvelopeError? Error)
{
    /// <summary>Whether the body is a valid envelope.</summary>
    public bool IsValid => Envelope is not null && Error is null;
}
