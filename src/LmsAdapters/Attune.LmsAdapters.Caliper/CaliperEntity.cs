using System.Globalization;
using System.Text.Json;

namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// A Caliper entity (a Person, an Attempt, a CourseOffering, ...) as an event carries it: either a full JSON
/// object with <c>id</c> and <c>type</c>, or only its IRI as a bare string, the "thinned" form that Caliper 1.1
/// allows anywhere an entity may stand (LMS-NOTES §4, fixture <c>caliper_event_navigation_navigated_to_thinned.json</c>).
/// </summary>
public sealed class CaliperEntity
{
    private readonly JsonElement _json;

    private CaliperEntity(string id, string? type, JsonElement json)
    {
        Id = id;
        Type = type;
        _json = json;
    }

    /// <summary>The entity's IRI.</summary>
    public string Id { get; }

    /// <summary>Its Caliper type (<c>Person</c>, <c>Attempt</c>, ...); <c>null</c> when thinned or untyped.</summary>
    public string? Type { get; }

    /// <summary>Whether the entity came as a bare IRI, so nothing but <see cref="Id"/> is known of it.</summary>
    public bool IsThinned => _json.ValueKind != JsonValueKind.Object;

    /// <summary>The entity's JSON as sent (a string when thinned). Detached from the request body.</summary>
    public JsonElement Json => _json;

    /// <summary>The entity held by <paramref name="property"/> (full or thinned), or <c>null</c> when absent or not an entity.</summary>
    public CaliperEntity? Entity(string property) =>
        !IsThinned && _json.TryGetProperty(property, out var value) && TryRead(value, out var entity, out _) ? entity : null;

    /// <summary>The string held by <paramref name="property"/>, or <c>null</c>.</summary>
    public string? Text(string property) =>
        !IsThinned && _json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The number held by <paramref name="property"/> (also when sent as a numeric string), or <c>null</c>.</summary>
    public double? Number(string property)
    {
        if (IsThinned || !_json.TryGetProperty(property, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>The strings of the array held by <paramref name="property"/> (a Membership's <c>roles</c>); empty when absent.</summary>
    public IReadOnlyList<string> Texts(string property) =>
        !IsThinned && _json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    /// <summary>The object under <c>extensions[<paramref name="key"/>]</c> (Canvas uses <c>com.instructure.canvas</c>), or <c>null</c>.</summary>
    public JsonElement? Extension(string key) =>
        !IsThinned && _json.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <inheritdoc />
    public override string ToString() => Type is null ? Id : $"{Type} {Id}";

    /// <summary>Reads an entity: an object with a string <c>id</c>, or a bare IRI string.</summary>
    /// <param name="value">The JSON value; it is cloned, so the document it came from may be disposed.</param>
    /// <param name="entity">The entity, when readable.</param>
    /// <param name="error">Why it is no entity, or <c>null</c>.</param>
    internal static bool TryRead(JsonElement value, out CaliperEntity? entity, out string? error)
    {
        entity = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var iri = value.GetString()!;
                if (!IsIri(iri))
                {
                    error = "must be an absolute IRI or an entity object";
                    return false;
                }
                entity = new CaliperEntity(iri, null, value.Clone());
                error = null;
                return true;
            case JsonValueKind.Object:
                if (!value.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !IsIri(id.GetString()!))
                {
                    error = "must have an id that is an absolute IRI";
                    return false;
                }
                var type = value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                entity = new CaliperEntity(id.GetString()!, type, value.Clone());
                error = null;
                return true;
            default:
                error = "must be an entity object or an IRI string";
                return false;
        }
    }

    // urn:uuid:…, urn:instructure:canvas:user:…, https://… all parse as absolute URIs; a relative path or a bare word does not.
    internal static bool IsIri(string text) =>
        text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1;
}
