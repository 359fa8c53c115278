namespace Attune;

/// <summary>
/// The rules every Attune identifier (tenant, learner, item, course, skill, event id) follows:
/// 1 to <see cref="MaxLength"/> characters, no control characters, no lone surrogates (text that is no valid Unicode, so
/// cannot be stored or sent as UTF-8), no leading or trailing white space.
/// LMS ids are opaque strings (Moodle and Canvas use numbers, xAPI uses IRIs), so nothing else is assumed.
/// </summary>
public static class Identifier
{
    /// <summary>The longest identifier accepted, in UTF-16 code units. IRIs from xAPI fit comfortably.</summary>
    public const int MaxLength = 256;

    /// <summary>Checks <paramref name="value"/> against the identifier rules.</summary>
    /// <param name="value">The candidate identifier.</param>
    /// <param name="error">Why it was refused, in words, or <c>null</c> when it is valid.</param>
    /// <returns><c>true</c> when the value is a valid identifier.</returns>
    public static bool IsValid(string? value, out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = "must be a non-empty string";
            return false;
        }
        if (value.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            error = "must not start or end with white space";
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                error = "must not contain control characters";
                return false;
            }
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    error = "must be valid Unicode text (it holds a lone surrogate)";
                    return false;
                }
                i++;
            }
        }
        error = null;
        return true;
    }

    /// <summary>Returns <paramref name="value"/> when valid, otherwise throws.</summary>
    /// <exception cref="ArgumentException">The value breaks an identifier rule.</exception>
    public static string Require(string? value, string paramName)
    {
        if (!IsValid(value, out var error))
        {
            throw new ArgumentException($"{paramName} {error}.", paramName);
        }
        return value!;
    }
}
