using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attune.Plugins;

/// <summary>
/// A plugin's configuration: the flattened keys under <c>Attune:Plugins:Settings:&lt;plugin name&gt;</c>
/// (nested sections joined with ':'), readable one by one or bound to an options class.
/// </summary>
public sealed class PluginSettings
{
    private static readonly JsonSerializerOptions BindOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    private readonly IReadOnlyDictionary<string, string?> _values;

    /// <summary>Wraps flattened settings (<c>"Factors" = "64"</c>, <c>"Confidence:Viewed" = "1"</c>).</summary>
    public PluginSettings(IReadOnlyDictionary<string, string?> values) =>
        _values = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>No settings.</summary>
    public static PluginSettings Empty { get; } = new(new Dictionary<string, string?>());

    /// <summary>All keys and values.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public string? Get(string key, string? fallback = null) => _values.TryGetValue(key, out var v) && v is not null ? v : fallback;

    /// <summary>A number, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">The value is present but not a number.</exception>
    public double GetDouble(string key, double fallback) =>
        Get(key) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"Plugin setting '{key}' is '{text}', not a number.")
            : fallback;

    /// <summary>
    /// Binds the settings to a new <typeparamref name="T"/> (case-insensitive property names, numbers may be strings,
    /// ':' in keys makes nested objects). Properties without a setting keep their initial values.
    /// </summary>
    public T Bind<T>() where T : new()
    {
        var root = new JsonObject();
        foreach (var (key, value) in _values)
        {
            var node = root;
            var parts = key.Split(':');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (node[parts[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[parts[i]] = child;
                }
                node = child;
            }
            node[parts[^1]] = value is null ? null : JsonValue.Create(Typed(value));
        }
        var defaults = JsonSerializer.SerializeToNode(new T(), BindOptions) as JsonObject ?? new JsonObject();
        Merge(defaults, root);
        return defaults.Deserialize<T>(BindOptions) ?? new T();
    }

    // Configuration values are strings; "true"/"false" become booleans so bool properties bind.
    private static object Typed(string value) => bool.TryParse(value, out var b) ? b : value;

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            var existing = target.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
            if (value is JsonObject sourceChild && existing.Value is JsonObject targetChild)
            {
                Merge(targetChild, sourceChild);
                continue;
            }
            if (existing.Key is not null)
            {
                target.Remove(existing.Key);
            }
            target[key] = value?.DeepClone();
        }
    }
}
