namespace Attune.LmsAdapters.Canvas;

/// <summary>What one sync pass found. The host upserts the catalog and learners, appends the events (their ids
/// are deterministic, so repeats are no-ops), stores the item aliases for the Live Events mapper, records warnings
/// and errors on the connection, then stores <see cref="Cursor"/>.</summary>
public sealed record CanvasSyncResult
{
    /// <summary>When the pass started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When it ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>Courses synced without error.</summary>
    public required IReadOnlyList<CanvasSyncedCourse> Courses { get; init; }
    /// <summary>Catalog entries: published module items and published assignments of the courses pulled, each item once.</summary>
    public required IReadOnlyList<CatalogEntry> Catalog { get; init; }
    /// <summary>Learners of the courses pulled, each once.</summary>
    public required IReadOnlyList<CanvasLearner> Learners { get; init; }
    /// <summary>Submitted and graded events, with deterministic ids.</summary>
    public required IReadOnlyList<LearningEvent> Events { get; init; }
    /// <summary>
    /// Item keys of assignments that are really another item: <c>assignment:{id}</c> of a classic quiz is
    /// <c>quiz:{quiz id}</c>, of a graded discussion <c>discussion_topic:{topic id}</c>. A <c>grade_change</c> names
    /// only the assignment; pass these to <see cref="CanvasLiveEventOptions.ItemAliases"/> so it credits the quiz.
    /// </summary>
    public required IReadOnlyDictionary<string, string> ItemAliases { get; init; }
    /// <summary>What the pass worked around.</summary>
    public required IReadOnlyList<CanvasSyncWarning> Warnings { get; init; }
    /// <summary>Failures confined to one course.</summary>
    public required IReadOnlyList<CanvasSyncError> Errors { get; init; }
    /// <summary>The cursor to store for the next pass.</summary>
    public required CanvasSyncCursor Cursor { get; init; }
}
