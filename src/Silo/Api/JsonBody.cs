using System.Text.Json;
using System.Text.Unicode;

namespace Attune.Silo.Api;

/// <summary>
/// The one parse every JSON door goes through: a key given twice in one object, and text that is no valid Unicode
/// (invalid UTF-8 bytes, or an escaped lone surrogate such as <c>\ud800</c>), are refused with 400 naming the field's
/// path, never silently resolved (System.Text.Json keeps the last of two equal keys by default) or left to throw later.
/// </summary>
/// <remarks>
/// The fast path costs one parse with <see cref="JsonDocumentOptions.AllowDuplicateProperties"/> off and two vectorised
/// scans of the bytes; only a body that fails them is walked again to find the field to name.
/// </remarks>
internal static class JsonBody
{
    /// <summary>Parses <paramref name="utf8Json"/>; returns the document, or the problem to answer.</summary>
    public static (JsonDocument? Document, IResult? Problem) Parse(ReadOnlyMemory<byte> utf8Json, int maxDepth)
    {
        var strict = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, strict);
        }
        catch (JsonException ex)
        {
            return (null, DuplicateKey(utf8Json, maxDepth) ?? Malformed(ex));
        }
        catch (InvalidOperationException)
        {
            // The duplicate check decodes every key, and a key that is no valid Unicode cannot be decoded.
            return (null, Lax(utf8Json, maxDepth, root => BadText(root, "")) is { } key ? Invalid(key, BadTextMessage) : Invalid("", BadTextMessage));
        }
        if (MayHoldBadText(utf8Json.Span) && BadText(document.RootElement, "") is { } bad)
        {
            document.Dispose();
            return (null, Invalid(bad, BadTextMessage));
        }
        return (document, null);
    }

    private const string BadTextMessage = "is not valid Unicode text (invalid UTF-8, or a lone surrogate such as \\ud800)";

    /// <summary>Checks a body that an adapter parses itself (xAPI, Caliper); <c>null</c> when it may go on.</summary>
    public static IResult? Check(ReadOnlyMemory<byte> utf8Json, int maxDepth)
    {
        var (document, problem) = Parse(utf8Json, maxDepth);
        document?.Dispose();
        return problem;
    }

    public static IResult Malformed(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The body is not valid JSON; nothing was written.",
            detail: $"body: malformed JSON{where}.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"malformed JSON{where}"] } });
    }

    private static IResult Invalid(string path, string message)
    {
        var errors = new FieldErrors();
        errors.Add(path.Length == 0 ? "body" : path, message);
        return errors.ToProblem("The body is invalid; nothing was written.");
    }

    /// <summary>When the strict parse failed, whether a duplicate key was the reason, and where.</summary>
    private static IResult? DuplicateKey(ReadOnlyMemory<byte> utf8Json, int maxDepth) =>
        Lax(utf8Json, maxDepth, root => Duplicate(root, "")) is { } path
            ? Invalid(path, "is given more than once in its object; each key may appear once")
            : null;

    /// <summary>Parses again allowing duplicate keys (the error path only) and asks <paramref name="find"/> for a field's path.</summary>
    private static string? Lax(ReadOnlyMemory<byte> utf8Json, int maxDepth, Func<JsonElement, string?> find)
    {
        try
        {
            using var lax = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = true });
            return find(lax.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Duplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = SafeName(property);
                    var at = JsonFields.Field(path, name ?? "(key)");
                    if (name is not null && !seen.Add(name))
                    {
                        return at;
                    }
                    if (Duplicate(property.Value, at) is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Duplicate(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    // Invalid UTF-8 anywhere, or an escaped surrogate (a pair is fine, a lone one is not: only the walk can tell).
    private static bool MayHoldBadText(ReadOnlySpan<byte> utf8Json) =>
        !Utf8.IsValid(utf8Json) || utf8Json.IndexOf("\\ud"u8) >= 0 || utf8Json.IndexOf("\\uD"u8) >= 0;

    private static string? BadText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (SafeName(property) is not { } name)
                    {
                        return JsonFields.Field(path, "(key)");
                    }
                    if (BadText(property.Value, JsonFields.Field(path, name)) is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (BadText(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.String:
                return IsValidText(element) ? null : path;
            default:
                return null;
        }
    }

    private static string? SafeName(JsonProperty property)
    {
        try
        {
            var name = property.Name;
            return HasLoneSurrogate(name) ? null : name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsValidText(JsonElement element)
    {
        try
        {
            return !HasLoneSurrogate(element.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return false; // System.Text.Json refuses to transcode invalid UTF-8 or a lone surrogate
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }
}
