namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// Which Caliper 1.1 (event type, action) pairs are learning events, and which kind each becomes
/// (LMS-NOTES §4 and §8). Pairs absent from the table are valid Caliper but no event Attune models: an
/// instructor activating an assignment, a learner pausing an assessment, bookmarks and annotations,
/// logins. Their events are accepted and skipped with a reason.
/// </summary>
public static class CaliperKinds
{
    /// <summary>The default table, keyed by <see cref="Key"/>.</summary>
    public static IReadOnlyDictionary<string, EventKind> Default { get; } = new Dictionary<string, EventKind>(StringComparer.Ordinal)
    {
        [Key("NavigationEvent", "NavigatedTo")] = EventKind.Viewed,
        [Key("ViewEvent", "Viewed")] = EventKind.Viewed,
        [Key("AssessmentEvent", "Started")] = EventKind.Started,
        [Key("AssessmentEvent", "Submitted")] = EventKind.Submitted,
        [Key("AssessmentItemEvent", "Started")] = EventKind.Started,
        // A completed item is an answered question; Caliper's Response carries no score (the GradeEvent does).
        [Key("AssessmentItemEvent", "Completed")] = EventKind.Answered,
        [Key("AssignableEvent", "Started")] = EventKind.Started,
        [Key("AssignableEvent", "Submitted")] = EventKind.Submitted,
        [Key("AssignableEvent", "Completed")] = EventKind.Completed,
        [Key("AssignableEvent", "Reviewed")] = EventKind.Reviewed,
        [Key("GradeEvent", "Graded")] = EventKind.Graded,
    };

    /// <summary>The table key of a pair: <c>Type.Action</c>.</summary>
    public static string Key(string type, string action) => $"{type}.{action}";

    /// <summary>Why a known but unmapped pair is skipped, in words for the admin.</summary>
    internal static string WhyNot(string type, string action) => (type, action) switch
    {
        ("SessionEvent", _) =>
            $"a session event ({action}) names no learning item; Attune measures attention from time on items, not logins",
        ("AssignableEvent", "Activated" or "Deactivated") =>
            $"{action} is an instructor publishing or withdrawing an assignable, not learner activity",
        ("AssessmentEvent", "Paused" or "Resumed" or "Restarted" or "Reset") =>
            $"{action} changes an attempt in progress; the attempt's start and submission are the events Attune models",
        ("AssessmentItemEvent", "Skipped") =>
            "a skipped item is neither an answer nor a view",
        _ => $"{type} with action {action} is not mapped to an event kind",
    };
}
