using Attune.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Ingestion;

/// <summary>
/// The rules every event meets before it is journaled, whichever door it came through (<c>/api/v1/events</c>, xAPI,
/// Caliper, Canvas Live Events, a pull): its identifiers follow <see cref="Identifier"/> (enforced by the event's own
/// types), and its timestamp lies between 1970 and <see cref="IngestionOptions.MaxClockSkew"/> from now. Each door
/// checks events with it to name the field in its own payload; <see cref="EventIngestor"/> checks again, so no door can
/// journal an event that breaks them.
/// </summary>
public sealed class EventRules(IOptions<AttuneOptions> options, TimeProvider clock)
{
    private static readonly DateTimeOffset EarliestTimestamp = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TimeSpan _maxClockSkew = options.Value.Ingestion.MaxClockSkew;

    /// <summary>Why <paramref name="timestamp"/> is refused, in words, or <c>null</c> when it is acceptable now.</summary>
    public string? TimestampProblem(DateTimeOffset timestamp) =>
        timestamp > clock.GetUtcNow() + _maxClockSkew ? $"lies more than {Describe(_maxClockSkew)} in the future (Attune:Ingestion:MaxClockSkew)"
        : timestamp < EarliestTimestamp ? "lies before 1970"
        : null;

    /// <summary>The first event of <paramref name="events"/> that breaks a rule: its index, field and reason.</summary>
    public (int Index, string Field, string Message)? FirstProblem(IReadOnlyList<LearningEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (TimestampProblem(events[i].Timestamp) is { } problem)
            {
                return (i, "timestamp", problem);
            }
        }
        return null;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : $"{span.TotalMinutes:0.#} min";
}

/// <summary>An event that breaks <see cref="EventRules"/> reached the journal's door; nothing of its batch was written.</summary>
public sealed class EventRefusedException(int index, string field, string message)
    : Exception($"events[{index}].{field}: {message}")
{
    public int Index { get; } = index;

    public string Field { get; } = field;

    public string Reason { get; } = message;
}
