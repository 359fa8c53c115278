using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Attune.LmsAdapters.Caliper;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Turns a verified Live Events payload, in the Canvas format (<c>{metadata, body}</c>) or the Caliper 1.1 format,
/// into <see cref="LearningEvent"/>s keyed as <see cref="CanvasIds"/> describes (LMS-NOTES §2b, §8).
/// </summary>
/// <remarks>
/// <para>Canvas format:</para>
/// <list type="bullet">
/// <item><c>asset_accessed</c> → viewed, the viewer being <c>metadata.user_id</c> and the item
/// <c>{asset_type}:{asset_id}</c>. Skipped: a list page (<c>asset_subtype</c> set, e.g. a course's assignments
/// index), a masquerading admin (<c>real_user_id</c>), and teachers, TAs, designers and observers (by
/// <c>body.role</c> or <c>context_role</c>).</item>
/// <item><c>submission_created</c>, <c>submission_updated</c> → submitted at <c>submitted_at</c>, with the pull's id
/// (<see cref="CanvasEventIds.Submission"/>), so the two events of one attempt and the pulled submission are one
/// event. Unsubmitted states are skipped.</item>
/// <item><c>grade_change</c> → graded, the learner being <c>body.student_id</c> (or <c>body.user_id</c>): never
/// <c>metadata.user_id</c>, which is the grader for manual grading. Score = score / points_possible, clamped to 0..1
/// (the official example grades 5 of 1). A removed grade (no score) and, by default, a muted one are skipped.</item>
/// <item><c>quiz_submitted</c> → submitted on <c>quiz:{quiz_id}</c> by <c>metadata.user_id</c> (classic quizzes; the
/// score follows as a <c>grade_change</c>).</item>
/// <item><c>course_completed</c>, and <c>course_progress</c> once <c>completed_at</c> is set → completed on
/// <c>course:{id}</c>, one per learner and course. Other <c>course_progress</c> events name no item (only a count
/// and the next requirement) and are skipped.</item>
/// <item><c>logged_in</c>, <c>logged_out</c>: skipped. A login names no learning item and Attune measures attention
/// by time on items, so a session event would be noise in every learner model.</item>
/// <item>Events without an id of their own get <c>{event_name}:{hash}</c>, a SHA-256 of event name, event time,
/// <c>metadata.user_id</c>, <c>request_id</c> and the body's id fields (LMS-NOTES §8): a repeat is the same id.</item>
/// </list>
/// <para>Caliper format: the envelope is parsed and mapped by <see cref="CaliperEventMapper"/> with Canvas's URNs
/// (<c>urn:instructure:canvas:{type}:{global id}</c>) read into the same keys, submissions and grades given the
/// same ids as above, and list-page views skipped.</para>
/// </remarks>
public sealed class CanvasLiveEventMapper
{
    private const string CanvasUrn = "urn:instructure:canvas:";
    private const string CanvasExtension = "com.instructure.canvas";

    // Enrollment types whose views are not learning: the learner models are students'.
    private static readonly HashSet<string> StaffRoles = new(StringComparer.Ordinal)
    {
        "TeacherEnrollment", "TaEnrollment", "DesignerEnrollment", "ObserverEnrollment",
    };

    private readonly CanvasLiveEventOptions _options;
    private readonly CanvasIds _ids;
    private readonly CaliperEventMapper _caliper;

    /// <summary>Creates a mapper for one connection.</summary>
    /// <exception cref="ArgumentException">The source is not a valid identifier.</exception>
    public CanvasLiveEventMapper(CanvasLiveEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Identifier.Require(options.Source, nameof(options.Source));
        _options = options;
        _ids = options.Ids ?? CanvasIds.Default;
        _caliper = new CaliperEventMapper(new CaliperMappingOptions
        {
            Source = options.Source,
            LearnerIdFromIri = iri => Urn(iri) is ("user", var id) ? _ids.Normalize(id) : null,
            CourseIdFromIri = iri => Urn(iri) is ("course", var id) ? _ids.Normalize(id) : null,
            TimestampProblem = options.TimestampProblem,
            ItemIdFromIri = iri => Urn(iri) is (var type, var id) ? ItemKey(type, id) : null,
            EventIdFor = CaliperEventId,
            SkipReasonFor = CaliperSkipReason,
        });
    }

    /// <summary>Maps what <see cref="CanvasLiveEventVerifier.Verify(ReadOnlyMemory{byte})"/> returned.</summary>
    public CanvasLiveEventMapping Map(CanvasVerifiedLiveEvent verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        return Map(verified.Payload);
    }

    /// <summary>Maps event JSON given as text (an SQS message body, say).</summary>
    public CanvasLiveEventMapping Map(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Map(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Maps UTF-8 event JSON.</summary>
    public CanvasLiveEventMapping Map(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            // A key given twice is refused, not resolved to its last value: the copies may disagree on who or what.
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return Refused(CanvasLiveEventFormat.Unknown, string.Empty, $"the payload is not valid JSON ({ex.Message})");
        }
        using (document)
        {
            try
            {
                return Map(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to read a string holding invalid UTF-8 or a lone surrogate.
                return Refused(CanvasLiveEventFormat.Unknown, string.Empty, "the payload holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate)");
            }
        }
    }

    private CanvasLiveEventMapping Map(JsonElement root)
    {
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metadata", out _))
            {
                return MapCanvas(root);
            }
            if (root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("dataVersion", out _) || root.TryGetProperty("data", out _) || root.TryGetProperty("sensor", out _)))
            {
                var batch = _caliper.Map(CaliperEnvelopeParser.Parse(root));
                return new CanvasLiveEventMapping(
                    CanvasLiveEventFormat.Caliper,
                    [.. batch.Results.Select(r => new CanvasLiveEventResult(
                        CaliperName(batch.Envelope!, r.Index), r.EventId, r.Event, r.SkipReason))],
                    batch.Error);
            }
            return Refused(CanvasLiveEventFormat.Unknown, string.Empty,
                "the payload is neither a Canvas live event ({metadata, body}) nor a Caliper envelope ({sensor, sendTime, dataVersion, data})");
        }
    }

    private CanvasLiveEventMapping MapCanvas(JsonElement root)
    {
        var metadata = root.GetProperty("metadata");
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return Refused(CanvasLiveEventFormat.Canvas, "metadata", "must be an object");
        }
        if (Text(metadata, "event_name") is not { Length: > 0 } name)
        {
            return Refused(CanvasLiveEventFormat.Canvas, "metadata.event_name", "is required");
        }
        if (!CaliperEnvelopeParser.TryParseTime(Text(metadata, "event_time"), out var eventTime))
        {
            return Refused(CanvasLiveEventFormat.Canvas, "metadata.event_time", "is required, as an ISO 8601 UTC time");
        }
        JsonElement body = default;
        if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            if (bodyElement.ValueKind != JsonValueKind.Object)
            {
                return Refused(CanvasLiveEventFormat.Canvas, "body", "must be an object");
            }
            body = bodyElement;
        }
        var live = new LiveEvent(name, eventTime, metadata, body, _options.Source);
        CanvasLiveEventResult result;
        try
        {
            result = MapCanvas(name, live);
        }
        catch (RefusedFieldException refused)
        {
            return Refused(CanvasLiveEventFormat.Canvas, refused.Field, refused.Message);
        }
        if (result.Event is { } mapped && _options.TimestampProblem?.Invoke(mapped.Timestamp) is { } timeError)
        {
            return Refused(CanvasLiveEventFormat.Canvas, mapped.Timestamp == eventTime ? "metadata.event_time" : TimeField(name), timeError);
        }
        return new CanvasLiveEventMapping(CanvasLiveEventFormat.Canvas, [result]);
    }

    // The body field a Canvas event's time comes from when it is not metadata.event_time.
    private static string TimeField(string name) => name switch
    {
        "submission_created" or "submission_updated" => "body.submitted_at",
        "course_progress" => "body.progress.completed_at",
        _ => "metadata.event_time",
    };

    private CanvasLiveEventResult MapCanvas(string name, LiveEvent live)
    {
        return name switch
        {
            "asset_accessed" => AssetAccessed(live),
            "submission_created" or "submission_updated" => Submission(live),
            "grade_change" => GradeChange(live),
            "quiz_submitted" => QuizSubmitted(live),
            "course_progress" or "course_completed" => CourseCompleted(live),
            "logged_in" or "logged_out" => live.Skip(
                "a login or logout names no learning item; Attune measures attention from time on items, not sessions"),
            _ => live.Skip($"the event {name} is not mapped to an event kind"),
        };
    }

    private CanvasLiveEventResult AssetAccessed(LiveEvent live)
    {
        if (Text(live.Body, "asset_subtype") is { Length: > 0 } subtype)
        {
            return live.Skip($"a list page ({Text(live.Body, "asset_type")} {subtype}), not one item");
        }
        if (Text(live.Metadata, "real_user_id") is { Length: > 0 })
        {
            return live.Skip("the view was made by someone acting as the user (real_user_id is set)");
        }
        var role = Text(live.Body, "role") ?? Text(live.Metadata, "context_role");
        if (role is not null && StaffRoles.Contains(role))
        {
            return live.Skip($"the viewer's role is {role}, not a student's");
        }
        if (_ids.Normalize(Text(live.Metadata, "user_id")) is not { } learner)
        {
            return live.Skip("the event names no Canvas user");
        }
        if (Text(live.Body, "asset_type") is not { Length: > 0 } assetType || ItemKey(assetType, Text(live.Body, "asset_id")) is not { } item)
        {
            return live.Skip("the event names no asset");
        }
        var course = CourseOf(live.Metadata) ?? (CanvasIds.AssetType(assetType) == "course" ? _ids.Normalize(Text(live.Body, "asset_id")) : null);
        return live.Mapped(DerivedId(live), learner, item, EventKind.Viewed, live.EventTime, course);
    }

    private CanvasLiveEventResult Submission(LiveEvent live)
    {
        var state = Text(live.Body, "workflow_state");
        if (!CaliperEnvelopeParser.TryParseTime(Text(live.Body, "submitted_at"), out var submittedAt) || state is "unsubmitted" or "deleted")
        {
            return live.Skip($"the submission is not handed in (workflow_state {state ?? "absent"}, submitted_at {Text(live.Body, "submitted_at") ?? "absent"})");
        }
        if (_ids.Normalize(Text(live.Body, "user_id")) is not { } learner
            || _ids.Normalize(Text(live.Body, "submission_id")) is not { } submission
            || AssignmentItem(Text(live.Body, "assignment_id")) is not { } item)
        {
            return live.Skip("the event lacks user_id, submission_id or assignment_id");
        }
        var attempt = Number(live.Body, "attempt") is { } a && a is >= 1 and <= int.MaxValue ? (int)a : (int?)null;
        return live.Mapped(CanvasEventIds.Submission(submission, attempt, submittedAt), learner, item, EventKind.Submitted, submittedAt, CourseOf(live.Metadata));
    }

    private CanvasLiveEventResult GradeChange(LiveEvent live)
    {
        // metadata.user_id is whoever changed the grade (the teacher, or the student for an auto-scored quiz);
        // the learner is the submission's student (LMS-NOTES §2b).
        if (_ids.Normalize(Text(live.Body, "student_id") ?? Text(live.Body, "user_id")) is not { } learner)
        {
            return live.Skip("the event names no student");
        }
        if (Number(live.Body, "score") is not { } score)
        {
            return live.Skip("the grade was removed (no score)");
        }
        if (Bool(live.Body, "muted") == true && !_options.IncludeUnpostedGrades)
        {
            return live.Skip("the assignment is muted: the grade is not released to the student yet");
        }
        if (_ids.Normalize(Text(live.Body, "submission_id")) is not { } submission || AssignmentItem(Text(live.Body, "assignment_id")) is not { } item)
        {
            return live.Skip("the event lacks submission_id or assignment_id");
        }
        return live.Mapped(CanvasEventIds.Grade(submission, score), learner, item, EventKind.Graded, live.EventTime, CourseOf(live.Metadata),
            CanvasSubmissionMapper.Scale(score, Number(live.Body, "points_possible")));
    }

    private CanvasLiveEventResult QuizSubmitted(LiveEvent live)
    {
        if (Text(live.Metadata, "real_user_id") is { Length: > 0 })
        {
            return live.Skip("the quiz was submitted by someone acting as the user (real_user_id is set)");
        }
        if (_ids.Normalize(Text(live.Metadata, "user_id")) is not { } learner || ItemKey("quiz", Text(live.Body, "quiz_id")) is not { } item)
        {
            return live.Skip("the event lacks the user or quiz_id");
        }
        return live.Mapped(DerivedId(live), learner, item, EventKind.Submitted, live.EventTime, CourseOf(live.Metadata));
    }

    private CanvasLiveEventResult CourseCompleted(LiveEvent live)
    {
        var progress = Child(live.Body, "progress");
        var completedText = progress is { } p ? Text(p, "completed_at") : null;
        var completed = CaliperEnvelopeParser.TryParseTime(completedText, out var completedAt);
        if (live.Name == "course_progress" && !completed)
        {
            var done = progress is { } q ? Number(q, "requirement_completed_count") : null;
            var all = progress is { } r ? Number(r, "requirement_count") : null;
            return live.Skip($"course progress ({done?.ToString(CultureInfo.InvariantCulture) ?? "?"} of {all?.ToString(CultureInfo.InvariantCulture) ?? "?"} requirements) names no item; module item completions come from the course's requirements, not this count");
        }
        // Ids here are local (LMS-NOTES §2b); Normalize leaves local ids as they are.
        var course = Child(live.Body, "course") is { } c ? _ids.Normalize(Text(c, "id")) : null;
        var learner = Child(live.Body, "user") is { } u ? _ids.Normalize(Text(u, "id")) : null;
        if (course is null || learner is null)
        {
            return live.Skip("the event lacks course.id or user.id");
        }
        return live.Mapped(CanvasEventIds.CourseCompleted(course, learner), learner, _ids.ItemKey("course", course)!, EventKind.Completed,
            completed ? completedAt : live.EventTime, course);
    }

    private string? ItemKey(string assetType, string? id)
    {
        var key = _ids.ItemKey(assetType, id);
        return key is not null && _options.ItemAliases?.TryGetValue(key, out var alias) == true ? alias : key;
    }

    private string? AssignmentItem(string? assignmentId) => ItemKey("assignment", assignmentId);

    private string? CourseOf(JsonElement metadata) =>
        Text(metadata, "context_type") == "Course" ? _ids.Normalize(Text(metadata, "context_id")) : null;

    private static string DerivedId(LiveEvent live)
    {
        var text = new StringBuilder()
            .Append(live.Name).Append('\n')
            .Append(live.EventTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append(Text(live.Metadata, "user_id")).Append('\n')
            .Append(Text(live.Metadata, "request_id")).Append('\n');
        var ids = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        CollectIds(live.Body, string.Empty, ids, depth: 0);
        foreach (var (path, value) in ids)
        {
            text.Append(path).Append('=').Append(value).Append('\n');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{live.Name}:{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    // The body's identifying fields (id, *_id) down one level of objects (course.id, user.id): what a repeat shares
    // and two different events of one request do not.
    private static void CollectIds(JsonElement element, string prefix, SortedDictionary<string, string?> ids, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object && depth == 0)
            {
                CollectIds(property.Value, path + ".", ids, depth + 1);
            }
            else if (property.Name == "id" || property.Name.EndsWith("_id", StringComparison.Ordinal) || property.Name == "asset_type")
            {
                ids[path] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }
    }

    private string? CaliperEventId(CaliperEvent e)
    {
        if (Urn(e.Object.Id) is not ("submission", var submissionId) || _ids.Normalize(submissionId) is not { } submission)
        {
            return null;
        }
        if (e.Type == "AssignableEvent" && e.Action == "Submitted")
        {
            var count = e.Object.Number("count") is { } c && c is >= 1 and <= int.MaxValue ? (int)c : (int?)null;
            return CanvasEventIds.Submission(submission, count, e.EventTime);
        }
        if (e.Type == "GradeEvent" && e.Generated?.Number("scoreGiven") is { } score)
        {
            return CanvasEventIds.Grade(submission, score);
        }
        return null;
    }

    private static string? CaliperSkipReason(CaliperEvent e)
    {
        if (e.Type is not ("NavigationEvent" or "ViewEvent"))
        {
            return null;
        }
        // Canvas puts its own fields under extensions["com.instructure.canvas"] (LMS-NOTES §2b); where the
        // asset_subtype of a list view lands there is not documented, so both places are read.
        var subtype = Subtype(e.Object.Extension(CanvasExtension)) ?? Subtype(e.Extension(CanvasExtension));
        return subtype is null ? null : $"a list page ({subtype}), not one item";

        static string? Subtype(JsonElement? extension) =>
            extension is { } x && Text(x, "asset_subtype") is { Length: > 0 } s ? s : null;
    }

    private static (string Type, string Id)? Urn(string iri)
    {
        if (!iri.StartsWith(CanvasUrn, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var parts = iri[CanvasUrn.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }

    private static string CaliperName(CaliperEnvelope envelope, int index) =>
        envelope.Events.FirstOrDefault(e => e.Index == index) is { } e ? $"{e.Type}.{e.Action}" : "event";

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    // Canvas sends ids as strings in Live Events and as numbers in REST; both read as text here.
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
                _ => null,
            }
            : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private static CanvasLiveEventMapping Refused(CanvasLiveEventFormat format, string field, string message) =>
        new(format, [], new CaliperEnvelopeError(CaliperErrorKind.Malformed, field, message));

    /// <summary>One Canvas-format event while it is mapped.</summary>
    private sealed class LiveEvent(string name, DateTimeOffset eventTime, JsonElement metadata, JsonElement body, string source)
    {
        public string Name { get; } = name;
        public DateTimeOffset EventTime { get; } = eventTime;
        public JsonElement Metadata { get; } = metadata;
        public JsonElement Body { get; } = body;

        public CanvasLiveEventResult Skip(string reason) => new(Name, DerivedId(this), null, reason);

        public CanvasLiveEventResult Mapped(string id, string learner, string item, EventKind kind, DateTimeOffset time, string? course, double? score = null)
        {
            // An event that cannot be stored is refused, never acknowledged as if it were (Canvas would not resend it).
            Check(id, "an event id", "body");
            Check(learner, "a learner id", "metadata.user_id");
            Check(item, "an item id", "body");
            if (course is not null)
            {
                Check(course, "a course id", "metadata.context_id");
            }
            return new(Name, id, new LearningEvent(
                id, new LearnerId(learner), new ItemId(item), kind, time,
                course: course is null ? null : new CourseId(course),
                score: score,
                source: source), null);
        }

        private static void Check(string value, string what, string field)
        {
            if (!Identifier.IsValid(value, out var error))
            {
                throw new RefusedFieldException(field, $"as {what} {error}");
            }
        }
    }

    private sealed class RefusedFieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
