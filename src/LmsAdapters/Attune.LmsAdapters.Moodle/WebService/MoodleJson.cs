using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.LmsAdapters.Moodle;

/// <summary>How Moodle's JSON is read: its names are all lower-case (<c>timecompleted</c>) so names match
/// case-insensitively; numbers may arrive as strings (<c>mod_assign_get_grades.grade</c>); booleans may
/// arrive as 0/1 (LMS-NOTES §6, data quirks).</summary>
internal static class MoodleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new MoodleBooleanConverter() },
    };
}
