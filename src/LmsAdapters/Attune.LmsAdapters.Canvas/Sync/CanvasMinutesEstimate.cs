namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// How many minutes a learner needs for an item, by catalog kind. Canvas stores no such figure (a classic
/// quiz's time limit is not in the assignment or module item lists), so these are Attune's planning assumptions
/// for a typical item of each kind, the same as the Moodle adapter's for the matching module types — not Canvas
/// data. Tune them per tenant from observed time on task.
/// </summary>
public sealed class CanvasMinutesEstimate
{
    private readonly IReadOnlyDictionary<string, double> _minutes;

    /// <summary>Creates an estimate from minutes per catalog kind.</summary>
    public CanvasMinutesEstimate(IReadOnlyDictionary<string, double> minutesByKind) =>
        _minutes = minutesByKind ?? throw new ArgumentNullException(nameof(minutesByKind));

    /// <summary>The defaults.</summary>
    public static CanvasMinutesEstimate Default { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["page"] = 5, // a page of text (Moodle page)
        ["file"] = 10, // a document (Moodle resource)
        ["externalurl"] = 10, // an external reading or video (Moodle url)
        ["externaltool"] = 20, // an LTI tool (Moodle lti)
        ["discussion"] = 15, // Moodle forum
        ["quiz"] = 20,
        ["assignment"] = 60,
    });

    /// <summary>Minutes for an item of <paramref name="kind"/>, or <c>null</c> for a kind without a default.</summary>
    public double? For(string kind) => _minutes.TryGetValue(kind, out var minutes) ? minutes : null;
}
