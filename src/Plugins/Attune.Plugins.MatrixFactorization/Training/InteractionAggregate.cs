using Attune.Learners;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// One learner's activity on one item, reduced to the numbers the confidence function and the explicit model read.
/// Training builds it from the journal with <see cref="Add"/>, which follows <see cref="LearnerHistory.Apply"/> rule for
/// rule; fold-in builds it from the host's <see cref="ItemHistory"/> with <see cref="From"/>. Both sides therefore feed
/// one confidence function the same numbers, which is what makes fold-in equal the training half-step.
/// </summary>
internal struct InteractionAggregate
{
    private const long NoTime = long.MinValue;

    public int Events;
    public int Attempts;
    public int Reviews;
    public double SecondsOnTask;
    public double BestScore;
    public double LastScore;
    public long LastScoreAtTicks;
    public long FirstSeenTicks;
    public long FinishedAtTicks;

    /// <summary>An aggregate with no events yet.</summary>
    public static InteractionAggregate Empty => new()
    {
        BestScore = double.NaN,
        LastScore = double.NaN,
        LastScoreAtTicks = NoTime,
        FirstSeenTicks = long.MaxValue,
        FinishedAtTicks = NoTime,
    };

    /// <summary>Whether any event carried a score.</summary>
    public readonly bool HasScore => !double.IsNaN(LastScore);

    /// <summary>Whether the item was finished (completed, submitted or graded).</summary>
    public readonly bool IsFinished => FinishedAtTicks != NoTime;

    /// <summary>The same numbers the host keeps for the item.</summary>
    public static InteractionAggregate From(ItemHistory item) => new()
    {
        Events = item.Events,
        Attempts = item.Attempts,
        Reviews = item.Reviews,
        SecondsOnTask = item.SecondsOnTask,
        BestScore = item.BestScore ?? double.NaN,
        LastScore = item.LastScore ?? double.NaN,
        LastScoreAtTicks = item.LastScoreAt?.UtcTicks ?? NoTime,
        FirstSeenTicks = item.FirstSeen.UtcTicks,
        FinishedAtTicks = item.FinishedAt?.UtcTicks ?? NoTime,
    };

    /// <summary>Folds one event in, exactly as <see cref="LearnerHistory.Apply"/> updates its <see cref="ItemHistory"/>.</summary>
    public void Add(LearningEvent e)
    {
        var t = e.Timestamp.UtcTicks;
        FirstSeenTicks = Math.Min(FirstSeenTicks, t);
        Events++;
        SecondsOnTask += e.DurationSeconds ?? 0;
        if (e.Kind == EventKind.Answered || e.Kind == EventKind.Submitted)
        {
            Attempts++;
        }
        if (e.Kind == EventKind.Reviewed)
        {
            Reviews++;
        }
        if (e.Score is { } score)
        {
            BestScore = double.IsNaN(BestScore) ? score : Math.Max(BestScore, score);
            // A late-arriving older score cannot overwrite a newer one; equal times: the later-applied wins.
            if (LastScoreAtTicks == NoTime || t >= LastScoreAtTicks)
            {
                LastScore = score;
                LastScoreAtTicks = t;
            }
        }
        if (e.Kind == EventKind.Completed || e.Kind == EventKind.Submitted || e.Kind == EventKind.Graded)
        {
            FinishedAtTicks = FinishedAtTicks == NoTime ? t : Math.Min(FinishedAtTicks, t);
        }
    }
}
