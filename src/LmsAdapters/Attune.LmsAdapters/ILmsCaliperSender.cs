namespace Attune.LmsAdapters;

/// <summary>
/// An LMS whose sites also send Caliper envelopes of a form of their own to the generic Caliper door (<c>POST /caliper</c>
/// with a tenant's key): Canvas Live Events in Caliper format, say, relayed from the site's SQS queue. The door places
/// such an envelope under the site it names and maps it as the site's own push door does, so a fact seen through it,
/// through the connection's door and through the pull is one event. A connector implements it beside
/// <see cref="ILmsConnector"/>; the host asks every such connector and never switches on the kind.
/// </summary>
public interface ILmsCaliperSender
{
    /// <summary>The site an envelope names (its sensor), when the envelope is of this LMS's form; else <c>null</c>.</summary>
    LmsSite? SiteOf(ReadOnlyMemory<byte> envelope);

    /// <summary>
    /// Maps an envelope of <paramref name="site"/> (already valid Caliper 1.1), with the settings of a connection to the
    /// site when the tenant has one (what its last pull learned, such as item aliases), else none;
    /// <paramref name="timestampProblem"/> is the host's rule for event times, the one every door applies.
    /// </summary>
    LmsPushMapping MapCaliper(LmsSite site, IReadOnlyDictionary<string, string> settings, LmsPush push, Func<DateTimeOffset, string?>? timestampProblem);
}
