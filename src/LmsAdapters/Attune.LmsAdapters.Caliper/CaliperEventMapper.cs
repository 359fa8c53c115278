using System.Xml;

namespace Attune.LmsAdapters.Caliper;

/// <summary>
/// Turns validated Caliper 1.1 events into <see cref="LearningEvent"/>s.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Event id</b>: <c>urn:uuid:</c> and the event's UUID in lower case (the Caliper id is required and
/// unique, so it is the dedupe key), unless <see cref="CaliperMappingOptions.EventIdFor"/> says otherwise. A
/// second event with the same id in one envelope is skipped.</item>
/// <item><b>Kind</b>: from (type, action) by <see cref="CaliperKinds.Default"/>; Caliper 1.0 style action IRIs
/// (<c>…/action#Submitted</c>) are read by their last segment.</item>
/// <item><b>Learner</b>: the <c>actor</c>, except where the object is an Attempt, whose <c>assignee</c> wins, and
/// in a GradeEvent, where the actor is the grader (often a SoftwareApplication) and the learner is
/// <c>object.assignee</c> (else <c>generated.attempt.assignee</c>); LMS-NOTES §4. A learner that is a
/// SoftwareApplication, or a GradeEvent without an assignee, is skipped.</item>
/// <item><b>Item</b>: the object, except an Attempt, whose <c>assignable</c> is the item (an attempt is one
/// learner's try at it, not a thing to recommend).</item>
/// <item><b>Course</b>: the <c>group</c>, else the membership's <c>organization</c>.</item>
/// <item><b>Score</b>: GradeEvent only: <c>generated.scoreGiven / generated.maxScore</c>, clamped to 0..1 (Canvas
/// sends scores over the maximum; LMS-NOTES §6).</item>
/// <item><b>Duration</b>: the ISO 8601 <c>duration</c> of the generated (or object) Attempt of a submission or
/// completion, dropped beyond <see cref="LearningEvent.MaxDurationSeconds"/>.</item>
/// </list>
/// </remarks>
public sealed class CaliperEventMapper
{
    private readonly CaliperMappingOptions _options;

    /// <summary>Creates a mapper for one sender.</summary>
    /// <exception cref="ArgumentException">The source is not a valid identifier.</exception>
    public CaliperEventMapper(CaliperMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Identifier.Require(options.Source, nameof(options.Source));
        _options = options;
    }

    /// <summary>Parses, validates and maps a UTF-8 request body.</summary>
    public CaliperBatchMapping MapBody(ReadOnlyMemory<byte> utf8Json) => Map(CaliperEnvelopeParser.Parse(utf8Json));

    /// <summary>Parses, validates and maps a request body given as text.</summary>
    public CaliperBatchMapping MapBody(string json) => Map(CaliperEnvelopeParser.Parse(json));

    /// <summary>Maps a parsed body, passing its error through.</summary>
    public CaliperBatchMapping Map(CaliperParsedEnvelope parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.Envelope is { } envelope ? Map(envelope) : new CaliperBatchMapping(null, [], parsed.Error);
    }

    /// <summary>Maps every event of a valid envelope.</summary>
    public CaliperBatchMapping Map(CaliperEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var results = new List<CaliperEventMapping>(envelope.Events.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var caliperEvent in envelope.Events)
        {
            var mapping = Map(caliperEvent);
            if (mapping.Error is { } error)
            {
                // One event that cannot be stored refuses the envelope: acknowledging it would tell the sensor it was kept.
                return new CaliperBatchMapping(null, [], error);
            }
            if (mapping.Event is not null && !seen.TryAdd(mapping.EventId, caliperEvent.Index))
            {
                mapping = mapping with { Event = null, SkipReason = $"repeats the event id of data[{seen[mapping.EventId]}]" };
            }
            results.Add(mapping);
        }
        return new CaliperBatchMapping(envelope, results);
    }

    /// <summary>Maps one event.</summary>
    public CaliperEventMapping Map(CaliperEvent caliperEvent)
    {
        ArgumentNullException.ThrowIfNull(caliperEvent);
        var id = _options.EventIdFor?.Invoke(caliperEvent) ?? "urn:uuid:" + caliperEvent.Uuid.ToString("D");
        CaliperEventMapping Skip(string reason) => new(caliperEvent.Index, id, null, reason);
        CaliperEventMapping Refuse(string field, string message) => new(caliperEvent.Index, id, null, null)
        {
            Error = new CaliperEnvelopeError(CaliperErrorKind.Malformed, $"data[{caliperEvent.Index}].{field}", message),
        };

        var type = caliperEvent.Type;
        var action = ActionTerm(caliperEvent.Action);
        if (!CaliperKinds.Default.TryGetValue(CaliperKinds.Key(type, action), out var kind))
        {
            return Skip(CaliperKinds.WhyNot(type, action));
        }
        if (_options.SkipReasonFor?.Invoke(caliperEvent) is { } senderReason)
        {
            return Skip(senderReason);
        }

        var isGrade = type == "GradeEvent";
        var target = caliperEvent.Object;
        var attempt = IsAttempt(target) ? target : null;
        CaliperEntity? learner;
        if (isGrade)
        {
            learner = target.Entity("assignee") ?? caliperEvent.Generated?.Entity("attempt")?.Entity("assignee");
            if (learner is null)
            {
                return Skip("a GradeEvent's learner is object.assignee, which this event lacks (its actor is the grader)");
            }
        }
        else
        {
            learner = attempt?.Entity("assignee") ?? caliperEvent.Actor;
            if (_options.OnlyLearnerRoles && caliperEvent.Membership is { } membership
                && membership.Texts("roles") is { Count: > 0 } roles && !roles.Any(IsLearnerRole))
            {
                return Skip($"the actor's roles in the group are {string.Join(", ", roles)}, not Learner");
            }
        }
        if (learner.Type == "SoftwareApplication")
        {
            return Skip("the actor is a SoftwareApplication, not a learner");
        }

        var item = attempt?.Entity("assignable")
            ?? (isGrade ? caliperEvent.Generated?.Entity("attempt")?.Entity("assignable") : null)
            ?? (attempt is null ? target : null);
        if (item is null)
        {
            return Skip("the attempt names no assignable, so there is no item to credit");
        }

        var learnerId = _options.LearnerIdFromIri?.Invoke(learner.Id) ?? learner.Id;
        if (!Identifier.IsValid(learnerId, out var learnerError))
        {
            var field = ReferenceEquals(learner, caliperEvent.Actor) ? "actor.id"
                : target.Entity("assignee")?.Id == learner.Id ? "object.assignee.id"
                : "generated.attempt.assignee.id";
            return Refuse(field, $"as a learner id {learnerError}");
        }
        var itemId = _options.ItemIdFromIri?.Invoke(item.Id) ?? item.Id;
        if (!Identifier.IsValid(itemId, out var itemError))
        {
            var field = ReferenceEquals(item, target) ? "object.id"
                : attempt?.Entity("assignable")?.Id == item.Id ? "object.assignable.id"
                : "generated.attempt.assignable.id";
            return Refuse(field, $"as an item id {itemError}");
        }
        if (!Identifier.IsValid(id, out var idError))
        {
            return Refuse("id", $"as an event id {idError}");
        }
        if (_options.TimestampProblem?.Invoke(caliperEvent.EventTime) is { } timeError)
        {
            return Refuse("eventTime", timeError);
        }

        var learningEvent = new LearningEvent(
            id,
            new LearnerId(learnerId),
            new ItemId(itemId),
            kind,
            caliperEvent.EventTime,
            course: Course(caliperEvent),
            score: isGrade ? Score(caliperEvent.Generated) : null,
            durationSeconds: kind == EventKind.Submitted || kind == EventKind.Completed
                ? DurationSeconds(caliperEvent.Generated) ?? DurationSeconds(attempt)
                : null,
            source: _options.Source);
        return new CaliperEventMapping(caliperEvent.Index, id, learningEvent, null);
    }

    private CourseId? Course(CaliperEvent caliperEvent)
    {
        var group = caliperEvent.Group ?? caliperEvent.Membership?.Entity("organization");
        if (group is null)
        {
            return null;
        }
        var course = _options.CourseIdFromIri?.Invoke(group.Id) ?? group.Id;
        return Identifier.IsValid(course, out _) ? new CourseId(course) : null;
    }

    private static bool IsAttempt(CaliperEntity entity) =>
        entity.Type == "Attempt" || (!entity.IsThinned && entity.Entity("assignable") is not null);

    // Caliper 1.1 roles are terms (Learner, Instructor) with optional sub-roles after '#' (Learner#ExternalLearner).
    private static bool IsLearnerRole(string role) =>
        role == "Learner" || role.StartsWith("Learner#", StringComparison.Ordinal)
        || role.EndsWith("#Learner", StringComparison.Ordinal) || role.EndsWith("/Learner", StringComparison.Ordinal);

    private static string ActionTerm(string action)
    {
        var hash = action.LastIndexOf('#');
        return hash >= 0 && hash < action.Length - 1 ? action[(hash + 1)..] : action;
    }

    private static double? Score(CaliperEntity? generated)
    {
        if (generated is null || generated.Number("scoreGiven") is not { } given || generated.Number("maxScore") is not { } max || !(max > 0))
        {
            return null;
        }
        return double.IsFinite(given) ? Math.Clamp(given / max, 0, 1) : null;
    }

    private static double? DurationSeconds(CaliperEntity? entity)
    {
        if (entity?.Text("duration") is not { } text)
        {
            return null;
        }
        try
        {
            // xs:duration is ISO 8601's PnYnMnDTnHnMnS, which is what Caliper uses.
            var seconds = XmlConvert.ToTimeSpan(text).TotalSeconds;
            return seconds is >= 0 and <= LearningEvent.MaxDurationSeconds ? seconds : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
