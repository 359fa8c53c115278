namespace Attune.LmsAdapters.Caliper;

/// <summary>Why an envelope was refused, naming the offending field as a JSON path (<c>sendTime</c>, <c>data[2].eventTime</c>).</summary>
/// <param name="Kind">Which answer the receiver gives.</param>
/// <param name="Field">The path of the bad field; empty when the whole body is wrong.</param>
/// <param name="Message">What is wrong with it, in words.</param>
public sealed record CaliperEnvelopeError(CaliperErrorKind Kind, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
