using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>Reads Moodle's booleans, which older fields send as 0/1 integers (<c>visible</c>) or strings.</summary>
internal sealed class MoodleBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number => reader.GetDouble() != 0,
            JsonTokenType.String => reader.GetString() is "1" or "true",
            JsonTokenType.Null => false,
            _ => throw new JsonException($"Expected a boolean, 0/1 or a string, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
