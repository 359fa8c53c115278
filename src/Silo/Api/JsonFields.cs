using System.Globalization;
using System.Text.Json;

namespace Attune.Silo.Api;

/// <summary>
/// Reads typed fields out of a JSON object and records a precise error for each one that is missing or wrong,
/// so one pass over a request reports every bad field by its path.
/// </summary>
internal static class JsonFields
{
    public static string? Identifier(JsonElement obj, string name, string path, FieldErrors errors, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(Field(path, name), "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Field(path, name), $"must be a string, not {Describe(value.ValueKind)}");
            return null;
        }
        var text = value.GetString();
        if (!Attune.Identifier.IsValid(text, out var error))
        {
            errors.Add(Field(path, name), error!);
            return null;
        }
        return text;
    }

    public static string? Text(JsonElement obj, string name, string path, FieldErrors errors, int maxLength)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Field(path, name), $"must be a string, not {Describe(value.ValueKind)}");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(Field(path, name), $"must be at most {maxLength} characters");
            return null;
        }
        return text;
    }

    /// <summary>An optional finite number within [min, max]. JSON has no NaN or Infinity, and strings are not numbers.</summary>
    public static double? Number(JsonElement obj, string name, string path, FieldErrors errors, double min, double max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(Field(path, name), value.ValueKind == JsonValueKind.Number
                ? "must be a finite number"
                : $"must be a number, not {Describe(value.ValueKind)}");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(Field(path, name), $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, was {number.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    /// <summary>An optional whole number within [min, max].</summary>
    public static int? Integer(JsonElement obj, string name, string path, FieldErrors errors, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors.Add(Field(path, name), value.ValueKind == JsonValueKind.Number
                ? "must be a whole number"
                : $"must be a whole number, not {Describe(value.ValueKind)}");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(Field(path, name), $"must be between {min} and {max}, was {number}");
            return null;
        }
        return (int)number;
    }

    /// <summary>An optional <c>true</c> or <c>false</c>.</summary>
    public static bool? Boolean(JsonElement obj, string name, string path, FieldErrors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(Field(path, name), $"must be true or false, not {Describe(value.ValueKind)}");
            return null;
        }
        return value.GetBoolean();
    }

    /// <summary>An optional absolute <c>http</c> or <c>https</c> URL of at most <paramref name="maxLength"/> characters.</summary>
    public static Uri? HttpUrl(JsonElement obj, string name, string path, FieldErrors errors, int maxLength)
    {
        var text = Text(obj, name, path, errors, maxLength);
        if (text is null)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(Field(path, name), $"'{Truncate(text)}' is not an absolute http or https URL");
            return null;
        }
        return url;
    }

    /// <summary>An ISO 8601 / RFC 3339 timestamp that states its offset (<c>Z</c> or <c>±hh:mm</c>); local times are ambiguous.</summary>
    public static DateTimeOffset? Timestamp(JsonElement obj, string name, string path, FieldErrors errors, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(Field(path, name), "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Field(path, name), $"must be an ISO 8601 timestamp string, not {Describe(value.ValueKind)}");
            return null;
        }
        var text = value.GetString()!;
        if (!value.TryGetDateTimeOffset(out var timestamp) || !HasOffset(text))
        {
            errors.Add(Field(path, name), $"'{Truncate(text)}' is not an ISO 8601 timestamp with an offset, e.g. 2026-11-01T10:05:00Z");
            return null;
        }
        return timestamp.ToUniversalTime();
    }

    public static List<string>? IdentifierArray(JsonElement obj, string name, string path, FieldErrors errors, int maxCount)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Field(path, name), $"must be an array of strings, not {Describe(value.ValueKind)}");
            return null;
        }
        if (value.GetArrayLength() > maxCount)
        {
            errors.Add(Field(path, name), $"must have at most {maxCount} entries");
            return null;
        }
        var result = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var elementPath = $"{Field(path, name)}[{index++}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                errors.Add(elementPath, $"must be a string, not {Describe(element.ValueKind)}");
                continue;
            }
            var text = element.GetString();
            if (!Attune.Identifier.IsValid(text, out var error))
            {
                errors.Add(elementPath, error!);
                continue;
            }
            if (!result.Contains(text!))
            {
                result.Add(text!);
            }
        }
        return result;
    }

    /// <summary>The path of a field: <c>events[3].score</c>, or just <c>tenant</c> at the top level.</summary>
    public static string Field(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') ||
        (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':' && text.IndexOf('T', StringComparison.OrdinalIgnoreCase) > 0);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
