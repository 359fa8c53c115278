using System.Security.Cryptography;
using System.Text;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Where a Canvas instance is and the access token Attune calls it with. The token is a secret:
/// <see cref="ToString"/> leaves it out, and nothing in this library logs it or puts it in an exception.
/// </summary>
public sealed class CanvasConnection
{
    /// <summary>Creates a connection.</summary>
    /// <param name="baseUrl">The instance's root, e.g. <c>https://canvas.example.edu</c>.</param>
    /// <param name="token">An access token (OAuth2 or manually generated) sent as <c>Authorization: Bearer</c>.</param>
    /// <exception cref="ArgumentException">The URL is not absolute http(s), or the token is empty or not one line.</exception>
    public CanvasConnection(Uri baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The Canvas base URL must be an absolute http or https URL.", nameof(baseUrl));
        }
        if (string.IsNullOrWhiteSpace(token) || token.Any(char.IsControl) || token.Trim().Length != token.Length)
        {
            throw new ArgumentException("The Canvas access token must be a non-empty single line without surrounding spaces.", nameof(token));
        }
        BaseUrl = new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        Token = token;
        // The gate registry keys on a hash, so the token itself is held only here.
        GateKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(BaseUrl.GetLeftPart(UriPartial.Authority) + "\n" + token)));
    }

    /// <summary>The instance's root, ending in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The access token. Secret: never log it.</summary>
    public string Token { get; }

    /// <summary>Identifies the token at this instance without revealing it (a SHA-256 of origin and token).</summary>
    internal string GateKey { get; }

    /// <summary>The base URL only; the token is deliberately absent.</summary>
    public override string ToString() => BaseUrl.ToString();
}
