namespace Attune.Samples.DueDatesFirst;

/// <summary>Settings of the <c>due-dates-first</c> strategy, from <c>Attune:Plugins:Settings:due-dates-first:&lt;key&gt;</c>.</summary>
public sealed class DueDatesFirstOptions
{
    /// <summary>Items due within this many days go first; later deadlines are not urgent yet and wait their turn by score.</summary>
    public double HorizonDays { get; set; } = 14;

    /// <summary>
    /// Items overdue by at most this many days go before everything else; older ones have usually closed in the LMS,
    /// so they are planned by score like items without a deadline. 0 leaves overdue items to their score.
    /// </summary>
    public double OverdueDays { get; set; } = 7;

    /// <summary>How many items the learner must have finished before the plan mentions their usual pace.</summary>
    public int PaceAfterFinishedItems { get; set; } = 3;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem() =>
        !(HorizonDays >= 0) ? "HorizonDays must be a number of days of at least 0"
        : !(OverdueDays >= 0) ? "OverdueDays must be a number of days of at least 0"
        : PaceAfterFinishedItems < 1 ? "PaceAfterFinishedItems must be at least 1"
        : null;
}
