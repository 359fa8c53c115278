namespace Attune.LmsAdapters;

/// <summary>
/// One kind of LMS as the host sees it: check a site, pull it from a cursor, map what it pushes, and name its facts'
/// source. The host finds connectors by <see cref="Kind"/> (<see cref="LmsConnectors"/>) and never switches on it, so
/// a further LMS is one more connector registered with <see cref="LmsConnectorServiceCollectionExtensions.AddLmsConnector{T}"/>.
/// </summary>
public interface ILmsConnector
{
    /// <summary>The kind in lower case, as connections name it (<c>moodle</c>, <c>canvas</c>).</summary>
    string Kind { get; }

    /// <summary>The LMS's name in prose (<c>Moodle</c>).</summary>
    string DisplayName { get; }

    /// <summary>The site a connection's URL points at; its <see cref="LmsSite.Source"/> is the source of every fact of it.</summary>
    LmsSite Site(Uri url) => LmsSite.Of(Kind, url);

    /// <summary>Settings the connector understands beyond URL and token, validated at registration: name → why it is wrong, or <c>null</c>.</summary>
    string? ValidateSetting(string name, string value) => $"is not a setting of {DisplayName} connections";

    /// <summary>Calls the site with the connection's token and says what it can do: who the token is, what it lacks.</summary>
    /// <exception cref="LmsRefusedException">The LMS refused the token or the call.</exception>
    /// <exception cref="LmsTransportException">The site could not be read.</exception>
    Task<LmsSiteCheck> CheckAsync(LmsConnectionContext connection, CancellationToken cancellationToken);

    /// <summary>Pulls what changed since <paramref name="cursor"/> (the <see cref="LmsSyncResult.Cursor"/> of the last pass, or <c>null</c>).</summary>
    /// <exception cref="LmsRefusedException">The LMS refused the whole pass (token, missing functions).</exception>
    /// <exception cref="LmsTransportException">The site could not be read.</exception>
    Task<LmsSyncResult> SyncAsync(LmsConnectionContext connection, string? cursor, CancellationToken cancellationToken);

    /// <summary>Verifies and maps one delivery the LMS pushed to the connection's own endpoint.</summary>
    LmsPushMapping MapPush(LmsConnectionContext connection, LmsPush push);
}
