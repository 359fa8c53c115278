namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// The <c>Link</c> header of a Canvas list answer (RFC 8288), read into its links by relation. Canvas pages
/// every list and says where the next page is only here (doc/api/pagination.md): <c>rel</c> is one of
/// current, next, prev, first, last; <c>last</c> is left out when counting would be expensive; URLs are
/// opaque (bookmark-based, never page numbers to compute). Clients broke when the header's capitalisation
/// changed (ucfopen/canvasapi#370) and when they assumed <c>rel="last"</c> (openedx/edx-enterprise#1262); this
/// parser takes the header under any capitalisation (HTTP header names are case-insensitive) and any number of
/// header lines, quoted or bare relation values, several relations in one <c>rel</c>, parameters in any
/// order, and commas inside the URL.
/// </summary>
public sealed class CanvasLinkHeader
{
    private readonly Dictionary<string, Uri> _links;

    private CanvasLinkHeader(Dictionary<string, Uri> links) => _links = links;

    /// <summary>A header with no links.</summary>
    public static CanvasLinkHeader Empty { get; } = new(new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The links by relation (case-insensitive); the first link of a relation wins.</summary>
    public IReadOnlyDictionary<string, Uri> Links => _links;

    /// <summary>The next page, or <c>null</c> on the last page.</summary>
    public Uri? Next => _links.GetValueOrDefault("next");

    /// <summary>Reads every value of the header.</summary>
    /// <param name="values">The header's values (one per header line).</param>
    /// <param name="requestUri">The request's URL, against which relative links are resolved.</param>
    public static CanvasLinkHeader Parse(IEnumerable<string> values, Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(requestUri);
        var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            ParseValue(value ?? string.Empty, requestUri, links);
        }
        return links.Count == 0 ? Empty : new CanvasLinkHeader(links);
    }

    /// <summary>Reads one header value.</summary>
    public static CanvasLinkHeader Parse(string value, Uri requestUri) => Parse([value], requestUri);

    private static void ParseValue(string text, Uri requestUri, Dictionary<string, Uri> links)
    {
        var i = 0;
        while (i < text.Length)
        {
            // Between links: white space and the commas that separate them.
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
            if (i >= text.Length)
            {
                return;
            }
            if (text[i] != '<')
            {
                // Not a link: skip to the next comma outside quotes and try again.
                i = SkipToComma(text, i);
                continue;
            }
            // The target runs to the first '>': URLs may hold commas and semicolons, never '>'.
            var close = text.IndexOf('>', i + 1);
            if (close < 0)
            {
                return;
            }
            var target = text[(i + 1)..close].Trim();
            i = close + 1;

            string? rel = null;
            while (true)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
                if (i >= text.Length || text[i] == ',')
                {
                    break;
                }
                if (text[i] != ';')
                {
                    i = SkipToComma(text, i);
                    break;
                }
                i++;
                var (name, value, next) = ReadParameter(text, i);
                i = next;
                // RFC 8288 §3.3: a second rel parameter on one link is ignored.
                if (rel is null && name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    rel = value;
                }
            }
            if (rel is null || !Uri.TryCreate(requestUri, target, out var uri))
            {
                continue;
            }
            // One rel may name several relations, separated by white space (RFC 8288 §3.3).
            foreach (var relation in rel.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                links.TryAdd(relation, uri);
            }
        }
    }

    private static (string Name, string? Value, int Next) ReadParameter(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        var start = i;
        while (i < text.Length && text[i] is not ('=' or ';' or ','))
        {
            i++;
        }
        var name = text[start..i].Trim();
        if (i >= text.Length || text[i] != '=')
        {
            return (name, null, i);
        }
        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        if (i < text.Length && text[i] == '"')
        {
            var value = new System.Text.StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                value.Append(text[i]);
                i++;
            }
            return (name, value.ToString(), Math.Min(i + 1, text.Length));
        }
        start = i;
        while (i < text.Length && text[i] is not (';' or ','))
        {
            i++;
        }
        return (name, text[start..i].Trim(), i);
    }

    private static int SkipToComma(string text, int i)
    {
        var quoted = false;
        for (; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted)
            {
                return i;
            }
        }
        return i;
    }
}
