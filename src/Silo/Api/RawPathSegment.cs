using Microsoft.AspNetCore.Http.Features;

namespace Attune.Silo.Api;

internal static class RawPathSegment
{
    /// <summary>
    /// The route value <paramref name="name"/>, fully unescaped. ASP.NET Core decodes route values except '%2F', which it
    /// leaves escaped so a value cannot forge path segments; ids such as xAPI IRIs legitimately contain '/', so the segment
    /// is re-read from the raw request target and unescaped once (an id containing a literal "%2F" arrives as "%252F").
    /// </summary>
    public static string Decoded(HttpContext context, string name)
    {
        var value = context.Request.RouteValues[name]?.ToString() ?? "";
        if (!value.Contains('%'))
        {
            return value;
        }
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = raw.Split('?', 2)[0];
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.PathSegments;
        if (template is null)
        {
            return value;
        }
        var segments = path.TrimStart('/').Split('/');
        for (var i = 0; i < template.Count && i < segments.Length; i++)
        {
            if (template[i].Parts is [Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p] && p.Name == name)
            {
                return Uri.UnescapeDataString(segments[i]);
            }
        }
        return value;
    }
}
