using System.Collections.Immutable;
using System.Text.Json;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// A connection's sync position: per course, the time to pass as <c>submitted_since</c>/<c>graded_since</c> next.
/// A pass returns a new cursor; the host stores it (as <see cref="ToJson"/>) after it has stored the pass's
/// events, so a crash in between only repeats events, whose ids are deterministic. A course whose pass failed
/// keeps its old entry, so the next pass retries all of it.
/// </summary>
/// <param name="Courses">Per Canvas course id (local).</param>
/// <param name="LastPassAt">When the pass that produced this cursor started, if any did.</param>
public sealed record CanvasSyncCursor(ImmutableDictionary<long, CanvasCourseCursor> Courses, DateTimeOffset? LastPassAt = null)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The cursor of a connection that never synced: everything is pulled.</summary>
    public static CanvasSyncCursor Empty { get; } = new(ImmutableDictionary<long, CanvasCourseCursor>.Empty);

    /// <summary>The course's entry, or a fresh one.</summary>
    public CanvasCourseCursor For(long courseId) => Courses.TryGetValue(courseId, out var cursor) ? cursor : new CanvasCourseCursor();

    /// <summary>The cursor as JSON, for the host to store.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a cursor stored with <see cref="ToJson"/>; <see cref="Empty"/> for null or blank text.</summary>
    /// <exception cref="JsonException">The text is not a stored cursor.</exception>
    public static CanvasSyncCursor FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json)
            ? Empty
            : JsonSerializer.Deserialize<CanvasSyncCursor>(json, JsonOptions) is { Courses: not null } cursor
                ? cursor
                : throw new JsonException("The text is not a Canvas sync cursor.");

    /// <summary>Whether two cursors hold the same positions (record equality would compare dictionary references).</summary>
    public bool SamePositionAs(CanvasSyncCursor other) =>
        other is not null && LastPassAt == other.LastPassAt && Courses.Count == other.Courses.Count
        && Courses.All(c => other.Courses.TryGetValue(c.Key, out var o) && o == c.Value);
}
