using System.Text;

namespace Attune.Silo.Security;

/// <summary>An HTTP Basic <c>Authorization</c> header, decoded (RFC 7617: UTF-8 "user:password" in base64).</summary>
internal readonly record struct BasicCredentials(string User, string Password)
{
    /// <summary>None when the header is not Basic; Malformed when it is Basic but cannot be decoded.</summary>
    public static (BasicCredentials? Credentials, bool Malformed) Parse(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, false);
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? (null, true) : (new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]), false);
        }
        catch (FormatException)
        {
            return (null, true);
        }
    }
}
