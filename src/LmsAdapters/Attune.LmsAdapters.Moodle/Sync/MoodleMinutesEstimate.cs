namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// How many minutes a learner needs for an activity, by module type, when Moodle says nothing better.
/// Moodle stores no such figure; the only real one is a quiz's time limit, which wins when set. The defaults
/// are Attune's planning assumptions for a typical activity of each type, not Moodle data: tune them per
/// tenant from observed time on task.
/// </summary>
public sealed class MoodleMinutesEstimate
{
    private readonly IReadOnlyDictionary<string, double> _minutes;

    /// <summary>Creates an estimate from minutes per module type (<c>modname</c>).</summary>
    public MoodleMinutesEstimate(IReadOnlyDictionary<string, double> minutesByModule) =>
        _minutes = minutesByModule ?? throw new ArgumentNullException(nameof(minutesByModule));

    /// <summary>The defaults.</summary>
    public static MoodleMinutesEstimate Default { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["page"] = 5, // a page of text
        ["url"] = 10, // an external reading or video
        ["resource"] = 10, // a file
        ["folder"] = 10,
        ["book"] = 20,
        ["imscp"] = 20,
        ["lesson"] = 30,
        ["scorm"] = 30,
        ["h5pactivity"] = 10,
        ["lti"] = 20,
        ["quiz"] = 20, // when it has no time limit
        ["assign"] = 60,
        ["workshop"] = 60,
        ["forum"] = 15,
        ["glossary"] = 10,
        ["wiki"] = 20,
        ["data"] = 15,
        ["choice"] = 2,
        ["feedback"] = 10,
        ["survey"] = 10,
        ["chat"] = 15,
        ["bigbluebuttonbn"] = 60,
    });

    /// <summary>Minutes for a module, or <c>null</c> for a type without a default.</summary>
    /// <param name="modName">The module type.</param>
    /// <param name="timeLimitSeconds">A quiz's time limit in seconds (0 when none).</param>
    public double? For(string modName, long timeLimitSeconds = 0) =>
        timeLimitSeconds > 0 ? timeLimitSeconds / 60.0
        : _minutes.TryGetValue(modName, out var minutes) ? minutes
        : null;
}
