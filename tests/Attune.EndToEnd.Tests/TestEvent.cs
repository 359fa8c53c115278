using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.EndToEnd.Tests;

/// <summary>One event as a client posts it to <c>POST /api/v1/events</c>.</summary>
public sealed record TestEvent(
    string Id,
    string Learner,
    string Item,
    string Kind,
    DateTimeOffset Timestamp,
    string? Course = null,
    double? Score = null,
    double? DurationSeconds = null,
    IReadOnlyList<string>? Skills = null)
{
    /// <summary>A day in the past, so no timestamp trips the silo's future-clock-skew check.</summary>
    public static readonly DateTimeOffset Day = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The request body <c>{"events":[…]}</c> for these events.</summary>
    public static string Batch(IEnumerable<TestEvent> events) =>
        JsonSerializer.Serialize(new { events }, Json);
}
