using System.Text.Json;

namespace Attune.Bench;

/// <summary>
/// Writes a batch as the <c>POST /api/v1/events</c> body. Bodies are written once before a run, so the clients
/// spend their CPU on sending, not serializing: on two cores every client cycle is one the silo does not get.
/// </summary>
public static class EventBatchJson
{
    public static byte[] Write(IReadOnlyList<LearningEvent> batch)
    {
        using var buffer = new MemoryStream(batch.Count * 200);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in batch)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Id);
                json.WriteString("learner", e.Learner.Value);
                json.WriteString("item", e.Item.Value);
                json.WriteString("kind", e.Kind.Name);
                json.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                if (e.Course is { } course)
                {
                    json.WriteString("course", course.Value);
                }
                if (e.Score is { } score)
                {
                    json.WriteNumber("score", score);
                }
                if (e.DurationSeconds is { } seconds)
                {
                    json.WriteNumber("durationSeconds", seconds);
                }
                if (e.Source != LearningEvent.ApiSource)
                {
                    json.WriteString("source", e.Source);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
