using Attune.Plugins.SpacedRepetition.Fsrs;

namespace Attune.Plugins.SpacedRepetition;

/// <summary>
/// Settings of the <c>spaced-repetition</c> strategy, from <c>Attune:Plugins:Settings:spaced-repetition:&lt;key&gt;</c>.
/// </summary>
/// <remarks>
/// How an event becomes a review (kinds in <see cref="ReviewKinds"/>): a score below <see cref="AgainBelow"/> is
/// Again (forgot), below <see cref="GoodFrom"/> Hard, from it Good, and from <see cref="EasyFrom"/> (off by default:
/// a score says whether the learner recalled, not how effortlessly) Easy. A <c>reviewed</c> event without a score is
/// Good (the learner went through the material); other kinds need a score. Only the first review-like event of an item
/// on a UTC day counts — later ones on that day come after the feedback of the first — and an event older than the
/// item's latest review is ignored (FSRS's memory is a chain in time).
/// </remarks>
public sealed class SpacedRepetitionOptions
{
    /// <summary>Recall probability reviews are scheduled for (FSRS's desired retention).</summary>
    public double RequestRetention { get; set; } = 0.9;

    /// <summary>Longest interval, in days.</summary>
    public int MaximumInterval { get; set; } = 36500;

    /// <summary>The tenant's FSRS-6 weights (21 comma-separated numbers), e.g. from the FSRS optimiser; the defaults when empty.</summary>
    public string? Weights { get; set; }

    /// <summary>Event kinds that are reviews (comma-separated).</summary>
    public string ReviewKinds { get; set; } = "reviewed,answered,graded";

    /// <summary>Scores below this are Again.</summary>
    public double AgainBelow { get; set; } = 0.5;

    /// <summary>Scores from this are Good (between <see cref="AgainBelow"/> and this, Hard).</summary>
    public double GoodFrom { get; set; } = 0.8;

    /// <summary>Scores from this are Easy; <c>null</c> never.</summary>
    public double? EasyFrom { get; set; }

    /// <summary>
    /// An item forgotten this many times (lapses) is a leech (Anki's term): it is not a memory to refresh but
    /// material not yet learned, so its reviews wait behind new material. 0 turns this off.
    /// </summary>
    public int LeechLapses { get; set; } = 4;

    /// <summary>Whether each learner gets their own weights once they have enough reviews (kept only if they lower log loss).</summary>
    public bool PersonalFit { get; set; } = true;

    /// <summary>A learner's first fit is tried at this many reviews.</summary>
    public int FitAfterReviews { get; set; } = 100;

    /// <summary>Later fits are tried every this many further reviews.</summary>
    public int FitEveryReviews { get; set; } = 100;

    /// <summary>The newest reviews kept per learner for fitting (9 bytes each in the state).</summary>
    public int MaxLoggedReviews { get; set; } = 500;

    /// <summary>The rating of a review with this score, or <c>null</c> when the kind needs a score and has none.</summary>
    public Rating? RatingFor(EventKind kind, double? score) => score switch
    {
        null => kind == EventKind.Reviewed ? Rating.Good : null,
        { } s when s < AgainBelow => Rating.Again,
        { } s when s < GoodFrom => Rating.Hard,
        { } s when EasyFrom is { } easy && s >= easy => Rating.Easy,
        _ => Rating.Good,
    };

    /// <summary>The FSRS parameters these settings describe.</summary>
    /// <exception cref="FormatException"><see cref="Weights"/> is not 21 numbers.</exception>
    public FsrsParameters Parameters() => new(
        string.IsNullOrWhiteSpace(Weights) ? null : FsrsParameters.ParseWeights(Weights), RequestRetention, MaximumInterval);

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem()
    {
        if (!(RequestRetention > 0 && RequestRetention < 1))
        {
            return "RequestRetention must be a probability between 0 and 1";
        }
        if (MaximumInterval < 1)
        {
            return "MaximumInterval must be at least 1 day";
        }
        if (!(AgainBelow >= 0 && AgainBelow <= GoodFrom && GoodFrom <= 1) || (EasyFrom is { } e && !(e >= GoodFrom && e <= 1)))
        {
            return "the score thresholds must satisfy 0 ≤ AgainBelow ≤ GoodFrom ≤ EasyFrom ≤ 1";
        }
        if (LeechLapses < 0)
        {
            return "LeechLapses must be at least 0";
        }
        if (FitAfterReviews < 1 || FitEveryReviews < 1 || MaxLoggedReviews < 0)
        {
            return "FitAfterReviews and FitEveryReviews must be at least 1, MaxLoggedReviews at least 0";
        }
        try
        {
            Parameters();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return $"Weights: {ex.Message}";
        }
        return null;
    }
}
