namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// The IRI check xAPI needs: an absolute IRI starts with a scheme (RFC 3987), so <c>www.example.com/verb</c>
/// is refused while <c>http://…</c>, <c>https://…</c>, <c>urn:…</c> and <c>mailto:…</c> pass. Non-ASCII
/// characters are allowed (that is what makes it an IRI rather than a URI); white space is not.
/// </summary>
public static class XapiIri
{
    /// <summary>Whether <paramref name="value"/> is an absolute IRI.</summary>
    public static bool IsAbsolute(string? value)
    {
        if (string.IsNullOrEmpty(value) || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }
        var colon = value.IndexOf(':');
        if (colon < 1 || colon == value.Length - 1)
        {
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(value[i]) || value[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }
}
