using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.LmsAdapters.Canvas;

/// <summary>How Canvas's REST JSON is read: snake_case names; ids that arrive as numbers, or as strings when a client
/// asks for <c>application/json+canvas-string-ids</c>; ISO 8601 times.</summary>
internal static class CanvasJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
