namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Where a Moodle site is and the web-service token Attune calls it with. The token is a secret:
/// <see cref="ToString"/> leaves it out, and nothing in this library logs it or puts it in an exception.
/// </summary>
public sealed class MoodleConnection
{
    /// <summary>Creates a connection.</summary>
    /// <param name="siteUrl">The site's root (its <c>wwwroot</c>), e.g. <c>https://moodle.example.edu</c> or <c>https://example.edu/moodle</c>.</param>
    /// <param name="token">A web-service token of an external service that includes the functions in <see cref="MoodleFunctions.Required"/>.</param>
    /// <exception cref="ArgumentException">The URL is not absolute http(s), or the token is empty.</exception>
    public MoodleConnection(Uri siteUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        if (!siteUrl.IsAbsoluteUri || (siteUrl.Scheme != Uri.UriSchemeHttps && siteUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The Moodle site URL must be an absolute http or https URL.", nameof(siteUrl));
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The Moodle web-service token must not be empty.", nameof(token));
        }
        // Moodle serves the REST server below its wwwroot, which may itself have a path: keep exactly one trailing slash.
        SiteUrl = new Uri(siteUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        Token = token;
    }

    /// <summary>The site's root, ending in '/'.</summary>
    public Uri SiteUrl { get; }

    /// <summary>The web-service token. Secret: never log it.</summary>
    public string Token { get; }

    /// <summary>The REST endpoint, <c>{site}/webservice/rest/server.php</c>.</summary>
    public Uri Endpoint => new(SiteUrl, "webservice/rest/server.php");

    /// <summary>The site URL only; the token is deliberately absent.</summary>
    public override string ToString() => SiteUrl.ToString();
}
