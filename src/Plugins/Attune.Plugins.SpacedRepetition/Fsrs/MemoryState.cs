namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>
/// FSRS's memory of one item for one learner after its latest review (ts-fsrs's <c>Card</c>, in the long-term
/// scheduler where every reviewed card is in the Review state).
/// </summary>
/// <param name="Stability">S: days until recall falls to 90%.</param>
/// <param name="Difficulty">D, from 1 to 10.</param>
/// <param name="LastReviewTicks">UTC ticks of the latest review.</param>
/// <param name="ScheduledDays">The interval scheduled at that review, in whole days.</param>
/// <param name="Reps">Reviews so far.</param>
/// <param name="Lapses">Reviews rated Again after the first.</param>
public readonly record struct MemoryState(double Stability, double Difficulty, long LastReviewTicks, int ScheduledDays, int Reps, int Lapses)
{
    /// <summary>When the latest review happened.</summary>
    public DateTimeOffset LastReview => new(LastReviewTicks, TimeSpan.Zero);

    /// <summary>When the next review is due: the latest review plus the scheduled days.</summary>
    public DateTimeOffset Due => LastReview.AddDays(ScheduledDays);
}
