namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// Turns validated xAPI statements into <see cref="LearningEvent"/>s.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Event id</b>: for a statement of a site with a profile (<see cref="XapiMappingOptions.ProfileFor"/>), the fact
/// key the profile derives, under the site's source; else the statement's <c>id</c>, else the <c>statementId</c> of a
/// PUT, else a UUID v5 of the statement's content (<see cref="XapiStatementId.Derive"/>), so a resent statement is the
/// same event.</item>
/// <item><b>Kind</b>: from the verb IRI (<see cref="XapiVerbs.DefaultKinds"/> plus <see cref="XapiMappingOptions.VerbKinds"/>).</item>
/// <item><b>Learner</b>: from the actor's one identifier: an account becomes its <c>name</c> (Moodle's user id,
/// matching what the Moodle pull adapter calls the learner; qualified when from a foreign home page), an
/// <c>mbox</c> stays the <c>mailto:</c> IRI, an <c>mbox_sha1sum</c> becomes <c>mbox_sha1sum:</c> + hex, an
/// <c>openid</c> stays the URI. An anonymous Group is no learner; its statements are skipped.</item>
/// <item><b>Item</b>: the object's activity id, through <see cref="XapiMappingOptions.ItemIdFromIri"/> when given.
/// Objects that are agents or statement references are skipped.</item>
/// <item><b>Course</b>: the first of the object and its <c>parent</c> and <c>grouping</c> activities that
/// <see cref="XapiMappingOptions.CourseIdFromIri"/> recognises; else the first of them typed as a course
/// (cmi5's or ADL's course type); else the first <c>grouping</c> activity; else the outermost (last)
/// <c>parent</c>; else none.</item>
/// <item><b>Score</b>: <see cref="XapiScore.ToUnitInterval"/>; an <c>answered</c> statement with no score but a
/// <c>success</c> flag scores 1 or 0 (Moodle's per-question statements carry only <c>success</c>).</item>
/// <item><b>Duration</b>: <c>result.duration</c> in seconds, dropped when over <see cref="LearningEvent.MaxDurationSeconds"/>.</item>
/// <item><b>Timestamp</b>: <c>timestamp</c> in UTC, else now (as an LRS sets it to <c>stored</c>).</item>
/// </list>
/// </remarks>
public sealed class XapiStatementMapper
{
    private static readonly HashSet<string> CourseActivityTypes = new(StringComparer.Ordinal)
    {
        "https://w3id.org/xapi/cmi5/activitytype/course",
        "http://adlnet.gov/expapi/activities/course",
    };

    private readonly XapiMappingOptions _options;
    private readonly Dictionary<string, EventKind> _kinds;

    /// <summary>Creates a mapper for one sender.</summary>
    /// <exception cref="ArgumentException">The source is not a valid identifier.</exception>
    public XapiStatementMapper(XapiMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Identifier.Require(options.Source, nameof(options.Source));
        _options = options;
        _kinds = new Dictionary<string, EventKind>(XapiVerbs.DefaultKinds, StringComparer.Ordinal);
        foreach (var (verb, kind) in options.VerbKinds ?? new Dictionary<string, EventKind>())
        {
            _kinds[verb] = kind;
        }
    }

    /// <summary>Parses, validates and maps a UTF-8 request body (one statement or an array).</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="statementId">The <c>statementId</c> of a <c>PUT /statements</c>: the body must then be one
    /// statement whose <c>id</c> is absent or equal.</param>
    public XapiBatchMapping MapBatch(ReadOnlyMemory<byte> utf8Json, Guid? statementId = null) =>
        Map(XapiStatementParser.Parse(utf8Json), statementId);

    /// <summary>Parses, validates and maps a request body given as text.</summary>
    public XapiBatchMapping MapBatch(string json, Guid? statementId = null) =>
        Map(XapiStatementParser.Parse(json), statementId);

    /// <summary>Maps an already parsed body.</summary>
    public XapiBatchMapping Map(XapiParsedBatch batch, Guid? statementId = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.BodyError is not null)
        {
            return new XapiBatchMapping(batch.IsArray, [], batch.BodyError);
        }
        if (statementId is not null && (batch.IsArray || batch.Statements.Count != 1))
        {
            return new XapiBatchMapping(batch.IsArray, [], "a PUT with statementId takes exactly one statement object");
        }
        var mapped = new List<XapiStatementMapping>(batch.Statements.Count);
        foreach (var parsed in batch.Statements)
        {
            if (parsed.Statement is not { } statement)
            {
                mapped.Add(new XapiStatementMapping(parsed.Index, null, null, null, parsed.Errors));
            }
            else if (statementId is { } putId && statement.Id is { } bodyId && bodyId != putId)
            {
                mapped.Add(new XapiStatementMapping(parsed.Index, null, null, null,
                    [new XapiFieldError("id", $"must match the statementId parameter {putId:D}")]));
            }
            else
            {
                mapped.Add(Map(statement, parsed.Index, statementId));
            }
        }
        return new XapiBatchMapping(batch.IsArray, mapped);
    }

    /// <summary>Maps one validated statement.</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="index">Its position in its body, echoed in the result.</param>
    /// <param name="statementId">An id given outside the statement (a PUT's query), used when it has none.</param>
    public XapiStatementMapping Map(XapiStatement statement, int index = 0, Guid? statementId = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var profile = _options.ProfileFor?.Invoke(statement);
        var id = statement.Id ?? statementId ?? XapiStatementId.Derive(statement);
        XapiStatementMapping Skip(string reason) => new(index, id, null, reason, []);
        // A statement that reports a learning event but cannot be stored as one is refused, never acknowledged: the
        // sender would take the statement id as stored and never send it again.
        XapiStatementMapping Refuse(string field, string message) => new(index, null, null, null, [new XapiFieldError(field, message)]);

        if (statement.VerbId == XapiVerbs.Voided)
        {
            return Skip("voiding statements are not applied: Attune's events cannot be retracted");
        }
        if (!_kinds.TryGetValue(statement.VerbId, out var kind))
        {
            return Skip($"the verb {statement.VerbId} is not mapped to an event kind") with { UnmappedVerb = statement.VerbId, Source = profile?.Source };
        }
        if (statement.Object.Activity is not { } activity)
        {
            return Skip($"the object is a {statement.Object.ObjectType}, not an Activity");
        }
        if (profile is not null)
        {
            kind = profile.Kind(statement, kind);
        }
        var learner = (profile?.Learner(statement.Actor)) ?? LearnerKey(statement.Actor);
        if (learner is null)
        {
            return Skip("an anonymous Group has no identifier to be a learner");
        }
        if (!Identifier.IsValid(learner, out var learnerError))
        {
            return Refuse(ActorField(statement.Actor), $"as a learner id {learnerError} (it is '{Shown(learner)}')");
        }
        var item = profile is not null ? profile.Item(activity.Id) ?? activity.Id : _options.ItemIdFromIri?.Invoke(activity.Id) ?? activity.Id;
        if (!Identifier.IsValid(item, out var itemError))
        {
            return Refuse("object.id", $"as an item id {itemError} (it is '{Shown(item)}')");
        }
        if (statement.Timestamp is { } stated && _options.TimestampProblem?.Invoke(stated) is { } timeError)
        {
            return Refuse("timestamp", timeError);
        }

        var result = statement.Result;
        var score = result?.Score?.ToUnitInterval();
        if (score is null && kind == EventKind.Answered && result?.Success is { } success)
        {
            score = success ? 1 : 0;
        }
        var duration = result?.DurationSeconds is { } seconds && seconds <= LearningEvent.MaxDurationSeconds ? seconds : (double?)null;

        // A site's statement is keyed by the fact it reports, so its pulled twin, a resend with another registration
        // and a back-fill are one event; the sender still gets a UUID per statement, the same whenever the fact returns.
        string eventId;
        if (profile is not null)
        {
            eventId = profile.FactKey(statement, kind, learner, item);
            id = statement.Id ?? statementId ?? LmsFactKey.Uuid(profile.Source, eventId);
        }
        else
        {
            eventId = id.ToString("D");
        }
        var course = Course(statement, activity, profile);
        var learningEvent = new LearningEvent(
            eventId,
            new LearnerId(learner),
            new ItemId(item),
            kind,
            statement.Timestamp ?? _options.TimeProvider.GetUtcNow(),
            course: course,
            score: score,
            durationSeconds: duration,
            source: profile?.Source ?? _options.Source);
        return new XapiStatementMapping(index, id, learningEvent, null, [])
        {
            Source = profile?.Source,
            NotAnActivity = profile?.NotAnActivity(activity, item, course),
        };
    }

    // The actor's field the learner id comes from (the account's name, for Moodle's accounts).
    private static string ActorField(XapiActor actor) =>
        actor.Account is not null ? "actor.account.name"
        : actor.Mbox is not null ? "actor.mbox"
        : actor.MboxSha1Sum is not null ? "actor.mbox_sha1sum"
        : actor.OpenId is not null ? "actor.openid"
        : "actor";

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private string? LearnerKey(XapiActor actor)
    {
        if (actor.Account is { } account)
        {
            return _options.AccountHomePage is null || SameHomePage(account.HomePage, _options.AccountHomePage)
                ? account.Name
                : $"{account.HomePage}#{account.Name}";
        }
        return actor.Mbox
            ?? (actor.MboxSha1Sum is { } sha1 ? "mbox_sha1sum:" + sha1 : null)
            ?? actor.OpenId;
    }

    // Moodle writes its wwwroot without a trailing slash, but an admin may type one; scheme and host are case-insensitive.
    private static bool SameHomePage(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private CourseId? Course(XapiStatement statement, XapiActivity activity, IXapiSiteProfile? profile)
    {
        var context = statement.Context;
        IEnumerable<XapiActivity> candidates = [activity, .. context?.Parent ?? [], .. context?.Grouping ?? []];
        if ((profile is not null ? profile.Course : _options.CourseIdFromIri) is { } resolve)
        {
            foreach (var candidate in candidates)
            {
                if (resolve(candidate.Id) is { } resolved && Identifier.IsValid(resolved, out _))
                {
                    return new CourseId(resolved);
                }
            }
        }
        var course = candidates.FirstOrDefault(a => a.Type is not null && CourseActivityTypes.Contains(a.Type))
            ?? context?.Grouping.FirstOrDefault()
            ?? context?.Parent.LastOrDefault();
        return course is not null && Identifier.IsValid(course.Id, out _) ? new CourseId(course.Id) : null;
    }
}
