using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// Reads and validates a Caliper 1.1 Sensor API envelope (IMSGlobal/caliper-spec v1.1; LMS-NOTES §4 and §6):
/// <c>sensor</c>, <c>sendTime</c>, <c>dataVersion</c> and a non-empty <c>data[]</c> are required; an envelope of
/// another data version is refused as <see cref="CaliperErrorKind.UnsupportedDataVersion"/> (422, not 400);
/// every event needs <c>id</c> (<c>urn:uuid:</c>), <c>type</c>, <c>actor</c>, <c>action</c>, <c>object</c> and
/// <c>eventTime</c>; entities may be full objects or bare IRIs. One bad event refuses the whole envelope: a
/// receiver accepts a batch whole or not at all (DESIGN.md, ingestion).
/// </summary>
public static partial class CaliperEnvelopeParser
{
    /// <summary>The only data version accepted: Caliper 1.1.</summary>
    public const string DataVersion11 = "http://purl.imsglobal.org/ctx/caliper/v1p1";

    /// <summary>The deepest nesting of JSON accepted.</summary>
    public const int MaxDepth = 64;

    // A key given twice is refused, not resolved to its last value: the two copies may disagree on who or what.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    // Entity-valued event properties besides actor and object, all optional.
    private static readonly string[] OptionalEntities = ["target", "generated", "referrer", "edApp", "group", "membership", "session", "federatedSession"];

    /// <summary>Parses a UTF-8 request body.</summary>
    public static CaliperParsedEnvelope Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return Malformed(string.Empty, $"the body is not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode a string or key holding invalid UTF-8 or a lone surrogate.
            return Malformed(string.Empty, "the body holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate)");
        }
    }

    /// <summary>Parses a request body given as text.</summary>
    public static CaliperParsedEnvelope Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return Malformed(string.Empty, $"the body is not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode a string or key holding invalid UTF-8 or a lone surrogate.
            return Malformed(string.Empty, "the body holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate)");
        }
    }

    /// <summary>Parses an already-read JSON value. The result holds clones, so the document may be disposed.</summary>
    public static CaliperParsedEnvelope Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed(string.Empty, "the body must be a Caliper envelope object with sensor, sendTime, dataVersion and data");
        }
        // Presence first: a body missing the envelope's fields is no envelope (400) whatever its version says.
        foreach (var field in (string[])["sensor", "sendTime", "dataVersion", "data"])
        {
            if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return Malformed(field, "is required");
            }
        }
        var dataVersion = root.GetProperty("dataVersion");
        if (dataVersion.ValueKind != JsonValueKind.String || dataVersion.GetString()!.Length == 0)
        {
            return Malformed("dataVersion", "must be a string");
        }
        if (dataVersion.GetString() != DataVersion11)
        {
            return new CaliperParsedEnvelope(null, new CaliperEnvelopeError(
                CaliperErrorKind.UnsupportedDataVersion, "dataVersion", $"must be {DataVersion11}; {dataVersion.GetString()} is not supported"));
        }
        var sensor = root.GetProperty("sensor");
        if (sensor.ValueKind != JsonValueKind.String || sensor.GetString()!.Trim().Length == 0)
        {
            return Malformed("sensor", "must be a non-empty string (an IRI is recommended)");
        }
        if (!TryParseTime(root.GetProperty("sendTime"), out var sendTime))
        {
            return Malformed("sendTime", "must be an ISO 8601 UTC time such as 2019-11-16T02:09:06.543Z");
        }
        var data = root.GetProperty("data");
        if (data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            return Malformed("data", "must be an array of one or more events or entities");
        }

        var events = new List<CaliperEvent>();
        var describes = new List<CaliperEntity>();
        var index = 0;
        foreach (var item in data.EnumerateArray())
        {
            var path = $"data[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return Malformed(path, "must be an event or entity object");
            }
            // An event has an action; anything else in data[] is an entity "describe".
            if (item.TryGetProperty("action", out _))
            {
                var error = ReadEvent(item, index, path, out var caliperEvent);
                if (error is not null)
                {
                    return new CaliperParsedEnvelope(null, error);
                }
                events.Add(caliperEvent!);
            }
            else
            {
                if (!CaliperEntity.TryRead(item, out var entity, out var entityError))
                {
                    return Malformed(path + ".id", entityError!);
                }
                describes.Add(entity!);
            }
            index++;
        }
        return new CaliperParsedEnvelope(new CaliperEnvelope(sensor.GetString()!, sendTime, DataVersion11, events, describes), null);
    }

    private static CaliperEnvelopeError? ReadEvent(JsonElement item, int index, string path, out CaliperEvent? caliperEvent)
    {
        caliperEvent = null;
        if (!item.TryGetProperty("id", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
        {
            return Error(path, "id", "is required");
        }
        if (idElement.ValueKind != JsonValueKind.String || !TryParseUuidUrn(idElement.GetString()!, out var uuid))
        {
            return Error(path, "id", "must be urn:uuid: followed by a UUID");
        }
        if (RequiredText(item, path, "type", out var type) is { } typeError)
        {
            return typeError;
        }
        if (RequiredText(item, path, "action", out var action) is { } actionError)
        {
            return actionError;
        }
        if (RequiredEntity(item, path, "actor", out var actor) is { } actorError)
        {
            return actorError;
        }
        if (RequiredEntity(item, path, "object", out var target) is { } objectError)
        {
            return objectError;
        }
        if (!item.TryGetProperty("eventTime", out var time) || time.ValueKind == JsonValueKind.Null)
        {
            return Error(path, "eventTime", "is required");
        }
        if (!TryParseTime(time, out var eventTime))
        {
            return Error(path, "eventTime", "must be an ISO 8601 UTC time such as 2019-11-01T19:11:05.222Z");
        }
        var optional = new Dictionary<string, CaliperEntity>(StringComparer.Ordinal);
        foreach (var name in OptionalEntities)
        {
            if (item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (!CaliperEntity.TryRead(value, out var entity, out var entityError))
                {
                    return Error(path, name, entityError!);
                }
                optional[name] = entity!;
            }
        }
        JsonElement? extensions = null;
        if (item.TryGetProperty("extensions", out var ext) && ext.ValueKind != JsonValueKind.Null)
        {
            if (ext.ValueKind != JsonValueKind.Object)
            {
                return Error(path, "extensions", "must be an object");
            }
            extensions = ext.Clone();
        }
        caliperEvent = new CaliperEvent
        {
            Index = index,
            Id = idElement.GetString()!,
            Uuid = uuid,
            Type = type!,
            Action = action!,
            Actor = actor!,
            Object = target!,
            EventTime = eventTime,
            Target = optional.GetValueOrDefault("target"),
            Generated = optional.GetValueOrDefault("generated"),
            Referrer = optional.GetValueOrDefault("referrer"),
            EdApp = optional.GetValueOrDefault("edApp"),
            Group = optional.GetValueOrDefault("group"),
            Membership = optional.GetValueOrDefault("membership"),
            Session = optional.GetValueOrDefault("session"),
            Extensions = extensions,
        };
        return null;
    }

    private static CaliperEnvelopeError? RequiredText(JsonElement item, string path, string name, out string? text)
    {
        text = null;
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Error(path, name, "is required");
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim().Length == 0)
        {
            return Error(path, name, "must be a non-empty string");
        }
        text = value.GetString()!;
        return null;
    }

    private static CaliperEnvelopeError? RequiredEntity(JsonElement item, string path, string name, out CaliperEntity? entity)
    {
        entity = null;
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Error(path, name, "is required");
        }
        return CaliperEntity.TryRead(value, out entity, out var error) ? null : Error(path, name, error!);
    }

    /// <summary>Reads <c>urn:uuid:&lt;uuid&gt;</c>; the scheme and namespace are case-insensitive (RFC 8141).</summary>
    public static bool TryParseUuidUrn(string text, out Guid uuid)
    {
        uuid = Guid.Empty;
        const string Prefix = "urn:uuid:";
        return text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(text.AsSpan(Prefix.Length), "D", out uuid);
    }

    /// <summary>
    /// Reads a Caliper time. The spec asks for <c>YYYY-MM-DDTHH:mm:ss.SSSZ</c> in UTC; other ISO 8601 fractions
    /// and explicit offsets are accepted and converted, but a time without a zone is refused: it names no instant.
    /// </summary>
    public static bool TryParseTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        return value.ValueKind == JsonValueKind.String && TryParseTime(value.GetString(), out time);
    }

    /// <inheritdoc cref="TryParseTime(JsonElement, out DateTimeOffset)"/>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !TimePattern().IsMatch(text))
        {
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time))
        {
            return false;
        }
        time = time.ToUniversalTime();
        return true;
    }

    private static CaliperEnvelopeError Error(string path, string field, string message) =>
        new(CaliperErrorKind.Malformed, $"{path}.{field}", message);

    private static CaliperParsedEnvelope Malformed(string field, string message) =>
        new(null, new CaliperEnvelopeError(CaliperErrorKind.Malformed, field, message));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
