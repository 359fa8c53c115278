namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// Verb IRIs Attune knows and the event kind each becomes. Verbs are matched by their full IRI, never by
/// their display text or last path segment: the IRI is the verb's identity and the display is localised.
/// </summary>
public static class XapiVerbs
{
    /// <summary>ADL: the learner finished the activity.</summary>
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    /// <summary>ADL: the learner answered a question (Moodle sends one per quiz question).</summary>
    public const string Answered = "http://adlnet.gov/expapi/verbs/answered";
    /// <summary>ADL: the learner began an attempt.</summary>
    public const string Attempted = "http://adlnet.gov/expapi/verbs/attempted";
    /// <summary>ADL: the learner passed.</summary>
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    /// <summary>ADL: the learner failed.</summary>
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    /// <summary>ADL: the learner was scored.</summary>
    public const string Scored = "http://adlnet.gov/expapi/verbs/scored";
    /// <summary>ADL: the learner experienced (saw, read, watched) the activity.</summary>
    public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    /// <summary>ADL: the voiding verb; its object is a StatementRef to the statement it retracts.</summary>
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    /// <summary>TLA "scored", which logstore_xapi uses for <c>\mod_assign\event\submission_graded</c>.</summary>
    public const string TlaScored = "https://w3id.org/xapi/tla/verbs/scored";
    /// <summary>Tin Can "viewed", which logstore_xapi uses for course and module views.</summary>
    public const string TinCanViewed = "http://id.tincanapi.com/verb/viewed";
    /// <summary>Activity Streams "submit", which logstore_xapi uses for <c>\mod_assign\event\assessable_submitted</c>.</summary>
    public const string ActivityStreamsSubmit = "http://activitystrea.ms/schema/1.0/submit";

    /// <summary>Activity Streams "start", which logstore_xapi uses for <c>\mod_quiz\event\attempt_started</c>.</summary>
    public const string ActivityStreamsStart = "http://activitystrea.ms/schema/1.0/start";

    /// <summary>
    /// The default verb-to-kind table. Verbs absent from it (Moodle's <c>create</c>, <c>registered</c>, <c>enrolled</c>,
    /// <c>login</c>, <c>uncompleted</c>; ADL's <c>attended</c>) are valid xAPI but no learning event Attune
    /// models, so their statements are accepted and skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, EventKind> DefaultKinds { get; } = new Dictionary<string, EventKind>(StringComparer.Ordinal)
    {
        [Completed] = EventKind.Completed,
        [Answered] = EventKind.Answered,
        [Attempted] = EventKind.Started,
        [Passed] = EventKind.Graded,
        [Failed] = EventKind.Graded,
        [Scored] = EventKind.Graded,
        [TlaScored] = EventKind.Graded,
        [Experienced] = EventKind.Viewed,
        [TinCanViewed] = EventKind.Viewed,
        [ActivityStreamsSubmit] = EventKind.Submitted,
        [ActivityStreamsStart] = EventKind.Started,
    };
}
