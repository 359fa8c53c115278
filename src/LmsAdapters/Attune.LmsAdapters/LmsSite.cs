namespace Attune.LmsAdapters;

/// <summary>
/// One LMS site, named the same way whatever door its facts come through: its base URL normalised (scheme and
/// host lower-cased, default port dropped, no trailing slash), and the journal <see cref="LearningEvent.Source"/> of
/// its facts, <c>{kind}:{host[:port]}{path}</c>. Deduplication is per site, not per connection: a second connection
/// to the same site (a rotated token), a push and a pull all write under one source, so one fact is one row.
/// </summary>
public sealed record LmsSite
{
    private LmsSite(string kind, Uri url, string source)
    {
        Kind = kind;
        Url = url;
        Source = source;
    }

    /// <summary>The LMS kind (<c>moodle</c>, <c>canvas</c>).</summary>
    public string Kind { get; }

    /// <summary>The normalised base URL, without a trailing slash.</summary>
    public Uri Url { get; }

    /// <summary>The journal source of the site's facts.</summary>
    public string Source { get; }

    /// <summary>The site at <paramref name="url"/>; any query or fragment is ignored.</summary>
    public static LmsSite Of(string kind, Uri url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The site URL must be absolute.", nameof(url));
        }
        var path = url.AbsolutePath.TrimEnd('/');
        var authority = url.IsDefaultPort ? url.IdnHost.ToLowerInvariant() : $"{url.IdnHost.ToLowerInvariant()}:{url.Port}";
        var normalised = new Uri($"{url.Scheme.ToLowerInvariant()}://{authority}{path}");
        return new LmsSite(kind.ToLowerInvariant(), normalised, Identifier.Require($"{kind.ToLowerInvariant()}:{authority}{path}", nameof(url)));
    }

    /// <summary>The site whose base URL is <paramref name="url"/>, or <c>null</c> when it is no absolute http(s) URL.</summary>
    public static LmsSite? TryOf(string kind, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Of(kind, uri) : null;

    /// <summary>Whether <paramref name="iri"/> lies on this site (same scheme, host, port and base path).</summary>
    public bool Contains(string iri) =>
        Uri.TryCreate(iri, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, Url.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, Url.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == Url.Port
        && (uri.AbsolutePath.TrimEnd('/') == Url.AbsolutePath.TrimEnd('/')
            || uri.AbsolutePath.StartsWith(Url.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <inheritdoc/>
    public override string ToString() => Source;
}
