namespace Attune.LmsAdapters.Canvas;

/// <summary>How one connection's Live Events become <see cref="LearningEvent"/>s.</summary>
public sealed record CanvasLiveEventOptions
{
    /// <summary>The <see cref="LearningEvent.Source"/> of every event: the connection's id, the same as its
    /// <see cref="CanvasSyncOptions.Source"/>, so a fact both pulled and pushed is one event.</summary>
    public required string Source { get; init; }

    /// <summary>How global ids are normalised; <see cref="CanvasIds.Default"/> when <c>null</c>.</summary>
    public CanvasIds? Ids { get; init; }

    /// <summary>
    /// <c>assignment:{id}</c> → item key pairs from the last sync (<see cref="CanvasSyncResult.ItemAliases"/>): a
    /// <c>grade_change</c> names only the assignment, while the catalog and <c>quiz_submitted</c> name a classic quiz
    /// by its quiz id.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ItemAliases { get; init; }

    /// <summary>Whether a <c>grade_change</c> of a muted assignment (grade not yet released to the student) becomes an
    /// event. Off, like <see cref="CanvasSyncOptions.IncludeUnpostedGrades"/>: the sync brings the grade once posted.</summary>
    public bool IncludeUnpostedGrades { get; init; }

    /// <summary>
    /// The receiver's rule for event times: why an event's time is refused (say, it lies beyond the allowed clock skew in
    /// the future), or <c>null</c> when it is acceptable. A refused time refuses the delivery, naming the field the time
    /// came from. No function accepts every time.
    /// </summary>
    public Func<DateTimeOffset, string?>? TimestampProblem { get; init; }
}
