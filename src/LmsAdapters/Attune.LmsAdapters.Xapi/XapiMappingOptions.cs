namespace Attune.LmsAdapters.Xapi;

/// <summary>How statements from one sender become <see cref="LearningEvent"/>s.</summary>
public sealed record XapiMappingOptions
{
    /// <summary>The <see cref="LearningEvent.Source"/> of every event, e.g. the connection's id.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// The home page of the accounts this sender speaks for (a Moodle site's URL). Accounts from it become
    /// learners by their bare name, so Moodle user 7 is learner <c>7</c> whether pulled or pushed; accounts
    /// from another home page are qualified as <c>homePage#name</c> so they cannot collide. When <c>null</c>,
    /// every account maps to its bare name.
    /// </summary>
    public string? AccountHomePage { get; init; }

    /// <summary>Extra or replacing verb-to-kind entries, applied over <see cref="XapiVerbs.DefaultKinds"/>.</summary>
    public IReadOnlyDictionary<string, EventKind>? VerbKinds { get; init; }

    /// <summary>
    /// Turns an object IRI into the item id the rest of Attune uses for it (a Moodle course module id, say);
    /// <c>null</c> from it, or no function, keeps the IRI itself.
    /// </summary>
    public Func<string, string?>? ItemIdFromIri { get; init; }

    /// <summary>
    /// Turns a context activity IRI into a course id when it names a course; <c>null</c> when it does not.
    /// With no function, courses are found by activity type instead (see <see cref="XapiStatementMapper"/>).
    /// </summary>
    public Func<string, string?>? CourseIdFromIri { get; init; }

    /// <summary>
    /// The profile of the LMS site a statement comes from, chosen per statement by what the statement names (its
    /// actor's account home page, its activity IRIs), never by how many connections exist; <c>null</c> (or no
    /// function) maps the statement with the options above.
    /// </summary>
    public Func<XapiStatement, IXapiSiteProfile?>? ProfileFor { get; init; }

    /// <summary>
    /// The receiver's rule for event times: why a statement's <c>timestamp</c> is refused (say, it lies beyond the
    /// allowed clock skew in the future), or <c>null</c> when it is acceptable. A refused timestamp refuses the
    /// statement, naming <c>timestamp</c>. No function accepts every time.
    /// </summary>
    public Func<DateTimeOffset, string?>? TimestampProblem { get; init; }

    /// <summary>The clock that dates statements sent without a timestamp (the LRS's "stored" time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
