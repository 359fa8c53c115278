using System.Text.Json;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Ingestion;

/// <summary>
/// Validates a whole <c>{"events":[…]}</c> body before anything is written, naming each bad field by index and name.
/// </summary>
public sealed class EventBatchParser
{
    private const int MaxSkills = 64;
    private readonly HashSet<string> _kinds;
    private readonly string _kindList;
    private readonly IngestionOptions _options;
    private readonly EventRules _rules;

    public EventBatchParser(IOptions<AttuneOptions> options, TimeProvider clock)
    {
        _options = options.Value.Ingestion;
        _rules = new EventRules(options, clock);
        _kinds = new HashSet<string>(EventKind.BuiltIn.Select(k => k.Name).Concat(_options.AdditionalKinds), StringComparer.Ordinal);
        _kindList = string.Join(", ", _kinds.Order(StringComparer.Ordinal));
    }

    public int MaxBatchEvents => _options.MaxBatchEvents;

    /// <summary>Parses the batch; returns the events, or <c>null</c> with <paramref name="errors"/> filled.</summary>
    public List<LearningEvent>? Parse(JsonElement root, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be an object {{\"events\":[…]}}, not {JsonFields.Describe(root.ValueKind)}");
            return null;
        }
        if (!root.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("events", array.ValueKind == JsonValueKind.Undefined
                ? "is required: an array of events"
                : $"must be an array of events, not {JsonFields.Describe(array.ValueKind)}");
            return null;
        }
        if (array.GetArrayLength() == 0)
        {
            errors.Add("events", "must contain at least one event");
            return null;
        }

        var events = new List<LearningEvent>(array.GetArrayLength());
        // (source, id) is the journal's dedupe key: a second event with it in one batch would be dropped as a
        // redelivery of the first, so it is refused instead, as an LRS refuses two statements with one id.
        var firstWithId = new Dictionary<(string Source, string Id), int>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var e = ParseEvent(element, $"events[{index}]", errors);
            if (e is not null)
            {
                if (firstWithId.TryGetValue((e.Source, e.Id), out var first))
                {
                    errors.Add($"events[{index}].id", $"repeats the id '{Shown(e.Id)}' of events[{first}] (source {e.Source}); each event of a batch needs its own id");
                }
                else
                {
                    firstWithId[(e.Source, e.Id)] = index;
                    events.Add(e);
                }
            }
            index++;
            if (errors.Full)
            {
                break;
            }
        }
        return errors.Any ? null : events;
    }

    private LearningEvent? ParseEvent(JsonElement e, string path, FieldErrors errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"must be an object, not {JsonFields.Describe(e.ValueKind)}");
            return null;
        }
        if (e.TryGetProperty("tenant", out _))
        {
            errors.Add($"{path}.tenant", "is not accepted: the tenant comes from the API key");
        }
        var id = JsonFields.Identifier(e, "id", path, errors, required: true);
        var learner = JsonFields.Identifier(e, "learner", path, errors, required: true);
        var item = JsonFields.Identifier(e, "item", path, errors, required: true);
        var course = JsonFields.Identifier(e, "course", path, errors, required: false);
        var source = JsonFields.Identifier(e, "source", path, errors, required: false);
        var kind = Kind(e, path, errors);
        var score = JsonFields.Number(e, "score", path, errors, 0, 1);
        var duration = JsonFields.Number(e, "durationSeconds", path, errors, 0, LearningEvent.MaxDurationSeconds);
        var timestamp = JsonFields.Timestamp(e, "timestamp", path, errors, required: true);
        var skills = JsonFields.IdentifierArray(e, "skills", path, errors, MaxSkills);
        if (timestamp is { } t && _rules.TimestampProblem(t) is { } problem)
        {
            errors.Add($"{path}.timestamp", problem);
            return null;
        }
        if (id is null || learner is null || item is null || kind is null || timestamp is null || errors.Full)
        {
            return null;
        }
        return new LearningEvent(
            id,
            new LearnerId(learner),
            new ItemId(item),
            new EventKind(kind),
            timestamp.Value,
            course is null ? null : new CourseId(course),
            score,
            duration,
            skills?.Select(s => new SkillId(s)).ToArray(),
            source ?? LearningEvent.ApiSource);
    }

    private string? Kind(JsonElement e, string path, FieldErrors errors)
    {
        if (!e.TryGetProperty("kind", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{path}.kind", $"is required: one of {_kindList}");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.kind", $"must be a string, not {JsonFields.Describe(value.ValueKind)}");
            return null;
        }
        var kind = value.GetString()!;
        if (!_kinds.Contains(kind))
        {
            errors.Add($"{path}.kind", $"'{Shown(kind)}' is not a known kind; expected one of {_kindList}");
            return null;
        }
        return kind;
    }

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
