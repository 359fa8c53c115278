using System.Globalization;
using System.Text;

namespace Attune.Plugins.Testing;

/// <summary>One entry a plugin logged, as <see cref="CapturingPluginLogger"/> captured it.</summary>
/// <param name="Level">How severe.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="MessageTemplate">The template as the plugin wrote it, e.g. <c>"Trained {Items} items"</c>.</param>
/// <param name="Arguments">The values for the template's holes, in order.</param>
public sealed record PluginLogEntry(PluginLogLevel Level, Exception? Exception, string MessageTemplate, IReadOnlyList<object?> Arguments)
{
    /// <summary>
    /// The message with each named hole filled, in order, by the matching argument (formatted with the invariant
    /// culture, as structured logging renders it); holes without an argument stay as written; <c>{{</c> and <c>}}</c>
    /// are literal braces.
    /// </summary>
    public string Message => Render(MessageTemplate, Arguments);

    /// <summary>The values by hole name (<c>Items</c> for <c>{Items}</c>); a format suffix like <c>{Share:P0}</c> is not part of the name.</summary>
    public IReadOnlyDictionary<string, object?> Properties
    {
        get
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            var index = 0;
            foreach (var hole in Holes(MessageTemplate))
            {
                if (index >= Arguments.Count)
                {
                    break;
                }
                properties[Name(hole)] = Arguments[index++];
            }
            return properties;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Exception is null ? $"{Level}: {Message}" : $"{Level}: {Message} ({Exception.GetType().Name}: {Exception.Message})";

    private static string Render(string template, IReadOnlyList<object?> args)
    {
        var text = new StringBuilder(template.Length);
        var index = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                text.Append(c);
                continue;
            }
            var hole = template[(i + 1)..close];
            if (index < args.Count)
            {
                var format = hole.IndexOf(':') is var colon and >= 0 ? hole[(colon + 1)..] : null;
                text.Append(Format(args[index++], format));
            }
            else
            {
                text.Append('{').Append(hole).Append('}');
            }
            i = close;
        }
        return text.ToString();
    }

    private static string Format(object? value, string? format) => value switch
    {
        null => "(null)",
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(", ", list.Cast<object?>().Select(v => Format(v, null))),
        _ => value.ToString() ?? "",
    };

    private static IEnumerable<string> Holes(string template)
    {
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }
            if (template[i] == '{' && template.IndexOf('}', i + 1) is var close and >= 0)
            {
                yield return template[(i + 1)..close];
                i = close;
            }
        }
    }

    private static string Name(string hole)
    {
        var end = hole.IndexOfAny([':', ',']);
        return (end < 0 ? hole : hole[..end]).TrimStart('@', '$');
    }
}
