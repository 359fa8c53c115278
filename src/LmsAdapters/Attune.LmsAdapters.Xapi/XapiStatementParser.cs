using System.Text.Json;

namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// Reads and validates xAPI 1.0.3 statements (a single object or an array, as <c>POST /statements</c> accepts)
/// against the rules an LRS must enforce (adlnet/xAPI-Spec xAPI-Data.md; LMS-NOTES §3 and §6): actor, verb and
/// object required; exactly one IFI per Agent; absolute IRIs; UUIDs; score ranges; booleans that are booleans;
/// ISO 8601 durations and timestamps; no two statements with one id in a batch. Every problem is reported with
/// the field it concerns, not only the first.
/// </summary>
public static class XapiStatementParser
{
    /// <summary>The deepest nesting of JSON accepted.</summary>
    public const int MaxDepth = 64;

    // A key given twice is refused, not resolved to its last value: the two copies may disagree on who or what.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Parses a UTF-8 request body.</summary>
    public static XapiParsedBatch Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return new XapiParsedBatch(false, [], $"the body is not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode a string or key holding invalid UTF-8 or a lone surrogate.
            return new XapiParsedBatch(false, [], "the body holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate)");
        }
    }

    /// <summary>Parses a request body given as text.</summary>
    public static XapiParsedBatch Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return new XapiParsedBatch(false, [], $"the body is not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode a string or key holding invalid UTF-8 or a lone surrogate.
            return new XapiParsedBatch(false, [], "the body holds text that is not valid Unicode (invalid UTF-8 or a lone surrogate)");
        }
    }

    /// <summary>Parses an already-read JSON value: an object (one statement) or an array of statements.</summary>
    public static XapiParsedBatch Parse(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return new XapiParsedBatch(false, [ParseStatement(root, 0)]);
            case JsonValueKind.Array:
                var statements = new List<XapiParsedStatement>(root.GetArrayLength());
                var seen = new HashSet<Guid>();
                foreach (var element in root.EnumerateArray())
                {
                    var parsed = ParseStatement(element, statements.Count);
                    // Two statements with one id in one batch: the LRS must refuse the batch (xAPI-Communication.md §2.1.2).
                    if (parsed.Statement?.Id is { } id && !seen.Add(id))
                    {
                        parsed = parsed with
                        {
                            Statement = null,
                            Errors = [.. parsed.Errors, new XapiFieldError("id", $"repeats the id {id:D} of an earlier statement in this batch")],
                        };
                    }
                    statements.Add(parsed);
                }
                return new XapiParsedBatch(true, statements);
            default:
                return new XapiParsedBatch(false, [], "the body must be a statement object or an array of statements");
        }
    }

    private static XapiParsedStatement ParseStatement(JsonElement element, int index)
    {
        var reader = new Reader();
        var statement = reader.Statement(element, string.Empty, isSubStatement: false);
        return reader.Errors.Count == 0
            ? new XapiParsedStatement(index, statement, [])
            : new XapiParsedStatement(index, null, reader.Errors);
    }

    /// <summary>Walks one statement, collecting every error with its path.</summary>
    private sealed class Reader
    {
        public List<XapiFieldError> Errors { get; } = [];

        private void Fail(string path, string message) => Errors.Add(new XapiFieldError(path, message));

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        public XapiStatement? Statement(JsonElement element, string path, bool isSubStatement)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }

            Guid? id = null;
            if (element.TryGetProperty("id", out var idElement))
            {
                if (isSubStatement)
                {
                    Fail(Join(path, "id"), "must not appear in a SubStatement");
                }
                else
                {
                    id = Uuid(idElement, Join(path, "id"));
                }
            }
            if (isSubStatement)
            {
                foreach (var forbidden in (string[])["stored", "version", "authority"])
                {
                    if (element.TryGetProperty(forbidden, out _))
                    {
                        Fail(Join(path, forbidden), "must not appear in a SubStatement");
                    }
                }
            }

            var actor = Required(element, path, "actor", (e, p) => Agent(e, p, "actor"));
            var verb = Required(element, path, "verb", Verb);
            var target = Required(element, path, "object", (e, p) => Object(e, p, isSubStatement));
            var result = Optional(element, path, "result", Result);
            var context = Optional(element, path, "context", Context);

            DateTimeOffset? timestamp = null;
            if (element.TryGetProperty("timestamp", out var ts))
            {
                timestamp = Timestamp(ts, Join(path, "timestamp"));
            }
            if (element.TryGetProperty("stored", out var stored))
            {
                Timestamp(stored, Join(path, "stored"));
            }
            if (element.TryGetProperty("version", out var version)
                && (version.ValueKind != JsonValueKind.String || !(version.GetString() is "1.0" || version.GetString()!.StartsWith("1.0.", StringComparison.Ordinal))))
            {
                Fail(Join(path, "version"), "must be 1.0 or 1.0.x");
            }
            if (element.TryGetProperty("authority", out var authority))
            {
                Agent(authority, Join(path, "authority"), "authority");
            }

            return actor is null || verb is null || target is null
                ? null
                : new XapiStatement
                {
                    Id = id,
                    Actor = actor,
                    VerbId = verb,
                    Object = target,
                    Result = result,
                    Context = context,
                    Timestamp = timestamp,
                };
        }

        private T? Required<T>(JsonElement parent, string path, string name, Func<JsonElement, string, T?> read)
            where T : class
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Fail(Join(path, name), "is required");
                return null;
            }
            return read(value, Join(path, name));
        }

        private T? Optional<T>(JsonElement parent, string path, string name, Func<JsonElement, string, T?> read)
            where T : class =>
            parent.TryGetProperty(name, out var value) ? read(value, Join(path, name)) : null;

        private XapiActor? Agent(JsonElement element, string path, string role)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            var objectType = OptionalString(element, path, "objectType") ?? "Agent";
            if (objectType is not ("Agent" or "Group"))
            {
                Fail(Join(path, "objectType"), $"must be Agent or Group for the {role}");
                return null;
            }
            var errorsBefore = Errors.Count;
            var name = OptionalString(element, path, "name");
            string? mbox = null, sha1 = null, openId = null;
            XapiAccount? account = null;
            var identifiers = 0;
            if (element.TryGetProperty("mbox", out var mboxElement))
            {
                identifiers++;
                mbox = mboxElement.ValueKind == JsonValueKind.String ? mboxElement.GetString() : null;
                if (mbox is null || !mbox.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || mbox.Length <= "mailto:".Length)
                {
                    Fail(Join(path, "mbox"), "must be a mailto: IRI");
                }
            }
            if (element.TryGetProperty("mbox_sha1sum", out var shaElement))
            {
                identifiers++;
                sha1 = shaElement.ValueKind == JsonValueKind.String ? shaElement.GetString() : null;
                if (sha1 is null || sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigit))
                {
                    Fail(Join(path, "mbox_sha1sum"), "must be 40 hexadecimal digits");
                }
                sha1 = sha1?.ToLowerInvariant();
            }
            if (element.TryGetProperty("openid", out var openIdElement))
            {
                identifiers++;
                openId = openIdElement.ValueKind == JsonValueKind.String ? openIdElement.GetString() : null;
                if (!XapiIri.IsAbsolute(openId))
                {
                    Fail(Join(path, "openid"), "must be an absolute URI");
                }
            }
            if (element.TryGetProperty("account", out var accountElement))
            {
                identifiers++;
                account = Account(accountElement, Join(path, "account"));
            }

            IReadOnlyList<XapiActor> members = [];
            if (objectType == "Group" && element.TryGetProperty("member", out var memberElement))
            {
                if (memberElement.ValueKind != JsonValueKind.Array)
                {
                    Fail(Join(path, "member"), "must be an array of Agents");
                }
                else
                {
                    var list = new List<XapiActor>();
                    var i = 0;
                    foreach (var m in memberElement.EnumerateArray())
                    {
                        var memberPath = $"{Join(path, "member")}[{i++}]";
                        if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("objectType", out var mt) && mt.ValueKind == JsonValueKind.String && mt.GetString() == "Group")
                        {
                            Fail(Join(memberPath, "objectType"), "a Group's members must be Agents");
                            continue;
                        }
                        if (Agent(m, memberPath, "member") is { } member)
                        {
                            list.Add(member);
                        }
                    }
                    members = list;
                }
            }

            if (objectType == "Agent" && identifiers != 1)
            {
                Fail(path, "an Agent must have exactly one of mbox, mbox_sha1sum, openid, account");
            }
            else if (objectType == "Group" && identifiers > 1)
            {
                Fail(path, "a Group must have at most one of mbox, mbox_sha1sum, openid, account");
            }
            else if (objectType == "Group" && identifiers == 0 && members.Count == 0)
            {
                Fail(Join(path, "member"), "an anonymous Group must list its members");
            }

            return Errors.Count > errorsBefore
                ? null
                : new XapiActor
                {
                    ObjectType = objectType,
                    Name = name,
                    Mbox = mbox,
                    MboxSha1Sum = sha1,
                    OpenId = openId,
                    Account = account,
                    Members = members,
                };
        }

        private XapiAccount? Account(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object with homePage and name");
                return null;
            }
            var homePage = RequiredString(element, path, "homePage");
            var name = RequiredString(element, path, "name");
            if (homePage is not null && !XapiIri.IsAbsolute(homePage))
            {
                Fail(Join(path, "homePage"), "must be an absolute IRL");
                return null;
            }
            return homePage is null || name is null ? null : new XapiAccount(homePage, name);
        }

        private string? Verb(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            var id = RequiredString(element, path, "id");
            if (id is not null && !XapiIri.IsAbsolute(id))
            {
                Fail(Join(path, "id"), "must be an absolute IRI");
                id = null;
            }
            if (element.TryGetProperty("display", out var display))
            {
                LanguageMap(display, Join(path, "display"));
            }
            return id;
        }

        private XapiStatementObject? Object(JsonElement element, string path, bool insideSubStatement)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            var objectType = OptionalString(element, path, "objectType") ?? "Activity";
            switch (objectType)
            {
                case "Activity":
                    return Activity(element, path) is { } activity
                        ? new XapiStatementObject { ObjectType = objectType, Activity = activity }
                        : null;
                case "Agent" or "Group":
                    return Agent(element, path, "object") is { } agent
                        ? new XapiStatementObject { ObjectType = objectType, Agent = agent }
                        : null;
                case "StatementRef":
                    return element.TryGetProperty("id", out var refId) && Uuid(refId, Join(path, "id")) is { } reference
                        ? new XapiStatementObject { ObjectType = objectType, StatementRef = reference }
                        : Missing(Join(path, "id"));
                case "SubStatement":
                    if (insideSubStatement)
                    {
                        Fail(Join(path, "objectType"), "a SubStatement must not contain another SubStatement");
                        return null;
                    }
                    return Statement(element, path, isSubStatement: true) is not null
                        ? new XapiStatementObject { ObjectType = objectType }
                        : null;
                default:
                    Fail(Join(path, "objectType"), "must be Activity, Agent, Group, StatementRef or SubStatement");
                    return null;
            }
        }

        private XapiStatementObject? Missing(string path)
        {
            if (!Errors.Any(e => e.Field == path))
            {
                Fail(path, "is required");
            }
            return null;
        }

        private XapiActivity? Activity(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be an Activity object");
                return null;
            }
            if (element.TryGetProperty("objectType", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString() != "Activity"))
            {
                Fail(Join(path, "objectType"), "must be Activity");
                return null;
            }
            var id = RequiredString(element, path, "id");
            if (id is not null && !XapiIri.IsAbsolute(id))
            {
                Fail(Join(path, "id"), "must be an absolute IRI");
                return null;
            }
            string? activityType = null, name = null;
            if (element.TryGetProperty("definition", out var definition))
            {
                var definitionPath = Join(path, "definition");
                if (definition.ValueKind != JsonValueKind.Object)
                {
                    Fail(definitionPath, "must be a JSON object");
                }
                else
                {
                    activityType = OptionalString(definition, definitionPath, "type");
                    if (activityType is not null && !XapiIri.IsAbsolute(activityType))
                    {
                        Fail(Join(definitionPath, "type"), "must be an absolute IRI");
                    }
                    if (definition.TryGetProperty("name", out var names))
                    {
                        name = LanguageMap(names, Join(definitionPath, "name"));
                    }
                    if (definition.TryGetProperty("description", out var description))
                    {
                        LanguageMap(description, Join(definitionPath, "description"));
                    }
                    if (OptionalString(definition, definitionPath, "moreInfo") is { } moreInfo && !XapiIri.IsAbsolute(moreInfo))
                    {
                        Fail(Join(definitionPath, "moreInfo"), "must be an absolute IRL");
                    }
                    if (definition.TryGetProperty("extensions", out var extensions))
                    {
                        Extensions(extensions, Join(definitionPath, "extensions"));
                    }
                }
            }
            return id is null ? null : new XapiActivity(id, activityType, name);
        }

        private XapiResult? Result(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            XapiScore? score = null;
            if (element.TryGetProperty("score", out var scoreElement))
            {
                score = Score(scoreElement, Join(path, "score"));
            }
            var success = OptionalBoolean(element, path, "success");
            var completion = OptionalBoolean(element, path, "completion");
            var response = OptionalString(element, path, "response");
            var duration = OptionalString(element, path, "duration");
            double? seconds = null;
            if (duration is not null)
            {
                if (XapiDuration.TryParse(duration, out var parsed))
                {
                    seconds = parsed;
                }
                else
                {
                    Fail(Join(path, "duration"), "must be an ISO 8601 duration such as PT1H30M or P4W (weeks cannot be combined with other parts)");
                }
            }
            if (element.TryGetProperty("extensions", out var extensions))
            {
                Extensions(extensions, Join(path, "extensions"));
            }
            return new XapiResult
            {
                Score = score,
                Success = success,
                Completion = completion,
                Response = response,
                Duration = duration,
                DurationSeconds = seconds,
            };
        }

        private XapiScore? Score(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            var scaled = OptionalNumber(element, path, "scaled");
            var raw = OptionalNumber(element, path, "raw");
            var min = OptionalNumber(element, path, "min");
            var max = OptionalNumber(element, path, "max");
            if (scaled is { } s && (s < -1 || s > 1))
            {
                Fail(Join(path, "scaled"), "must be from -1 to 1");
            }
            if (min is { } lo && max is { } hi && lo >= hi)
            {
                Fail(Join(path, "min"), "must be less than max");
            }
            if (raw is { } r && ((min is { } rlo && r < rlo) || (max is { } rhi && r > rhi)))
            {
                Fail(Join(path, "raw"), "must lie between min and max");
            }
            return new XapiScore(scaled, raw, min, max);
        }

        private XapiContext? Context(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object");
                return null;
            }
            Guid? registration = null;
            if (element.TryGetProperty("registration", out var reg))
            {
                registration = Uuid(reg, Join(path, "registration"));
            }
            if (element.TryGetProperty("instructor", out var instructor))
            {
                Agent(instructor, Join(path, "instructor"), "instructor");
            }
            if (element.TryGetProperty("team", out var team))
            {
                var teamPath = Join(path, "team");
                if (Agent(team, teamPath, "team") is { ObjectType: not "Group" })
                {
                    Fail(Join(teamPath, "objectType"), "must be Group");
                }
            }
            OptionalString(element, path, "revision");
            OptionalString(element, path, "language");
            var platform = OptionalString(element, path, "platform");
            if (element.TryGetProperty("statement", out var reference))
            {
                var referencePath = Join(path, "statement");
                if (reference.ValueKind != JsonValueKind.Object || OptionalString(reference, referencePath, "objectType") != "StatementRef")
                {
                    Fail(referencePath, "must be a StatementRef");
                }
                else if (!reference.TryGetProperty("id", out var refId))
                {
                    Fail(Join(referencePath, "id"), "is required");
                }
                else
                {
                    Uuid(refId, Join(referencePath, "id"));
                }
            }
            if (element.TryGetProperty("extensions", out var extensions))
            {
                Extensions(extensions, Join(path, "extensions"));
            }

            IReadOnlyList<XapiActivity> parent = [], grouping = [], category = [];
            if (element.TryGetProperty("contextActivities", out var activities))
            {
                var activitiesPath = Join(path, "contextActivities");
                if (activities.ValueKind != JsonValueKind.Object)
                {
                    Fail(activitiesPath, "must be a JSON object");
                }
                else
                {
                    foreach (var property in activities.EnumerateObject())
                    {
                        var list = ContextActivityList(property.Value, Join(activitiesPath, property.Name));
                        switch (property.Name)
                        {
                            case "parent": parent = list; break;
                            case "grouping": grouping = list; break;
                            case "category": category = list; break;
                            case "other": break;
                            default:
                                Fail(Join(activitiesPath, property.Name), "must be one of parent, grouping, category, other");
                                break;
                        }
                    }
                }
            }
            return new XapiContext
            {
                Registration = registration,
                Platform = platform,
                Parent = parent,
                Grouping = grouping,
                Category = category,
            };
        }

        // xAPI 1.0.0 allowed a single Activity where 1.0.3 expects an array; an LRS must accept both
        // and treat the single one as an array of one (xAPI-Data.md §2.4.6.2).
        private IReadOnlyList<XapiActivity> ContextActivityList(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return Activity(element, path) is { } single ? [single] : [];
            }
            if (element.ValueKind != JsonValueKind.Array)
            {
                Fail(path, "must be an Activity or an array of Activities");
                return [];
            }
            var list = new List<XapiActivity>();
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (Activity(item, $"{path}[{i++}]") is { } activity)
                {
                    list.Add(activity);
                }
            }
            return list;
        }

        private string? LanguageMap(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a language map (an object of language tag to string)");
                return null;
            }
            string? first = null, english = null;
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    Fail($"{path}.{property.Name}", "must be a string");
                    continue;
                }
                first ??= property.Value.GetString();
                if (english is null && property.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    english = property.Value.GetString();
                }
            }
            return english ?? first;
        }

        private void Extensions(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(path, "must be a JSON object keyed by IRIs");
                return;
            }
            foreach (var property in element.EnumerateObject())
            {
                if (!XapiIri.IsAbsolute(property.Name))
                {
                    Fail($"{path}.{property.Name}", "an extension key must be an absolute IRI");
                }
            }
        }

        private Guid? Uuid(JsonElement element, string path)
        {
            // xAPI ids are UUIDs in the canonical 8-4-4-4-12 form (RFC 4122), not braces or bare hex.
            if (element.ValueKind == JsonValueKind.String
                && element.GetString() is { Length: 36 } text
                && Guid.TryParseExact(text, "D", out var id))
            {
                return id;
            }
            Fail(path, "must be a UUID such as 7ccd3322-e1a5-411a-a67d-6a735c76f119");
            return null;
        }

        private DateTimeOffset? Timestamp(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                Fail(path, "must be an ISO 8601 timestamp string");
                return null;
            }
            if (!XapiTimestamp.TryParse(element.GetString(), out var timestamp, out var error))
            {
                Fail(path, error!);
                return null;
            }
            return timestamp;
        }

        private string? RequiredString(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                Fail(Join(path, name), "is required");
                return null;
            }
            if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            {
                Fail(Join(path, name), "must be a non-empty string");
                return null;
            }
            return text;
        }

        private string? OptionalString(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(Join(path, name), "must be a string");
                return null;
            }
            return value.GetString();
        }

        private bool? OptionalBoolean(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }
            // "success": "true" is a common sender bug; the spec wants a JSON boolean and an LRS must refuse the string.
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Fail(Join(path, name), "must be true or false (a JSON boolean, not a string)");
                return null;
            }
            return value.GetBoolean();
        }

        private double? OptionalNumber(JsonElement element, string path, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Fail(Join(path, name), "must be a number");
                return null;
            }
            return number;
        }
    }
}
