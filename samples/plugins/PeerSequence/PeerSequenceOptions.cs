namespace Attune.Samples.PeerSequence;

/// <summary>
/// Settings of the <c>peer-sequence</c> recommender, from <c>Attune:Plugins:Settings:peer-sequence:&lt;key&gt;</c>.
/// </summary>
public sealed class PeerSequenceOptions
{
    /// <summary>
    /// How many classmates must have gone on from the learner's last item before their next steps are trusted; below
    /// that, a single classmate's path would decide, so the recommender falls back to how many engaged with each item.
    /// </summary>
    public int MinimumClassmates { get; set; } = 3;

    /// <summary>How many next items the model keeps per item (the most common ones), which bounds the model's size.</summary>
    public int MaxNextItems { get; set; } = 20;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem() =>
        MinimumClassmates < 1 ? "MinimumClassmates must be at least 1"
        : MaxNextItems < 1 ? "MaxNextItems must be at least 1"
        : null;
}
