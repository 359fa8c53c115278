using System.Text.Json;

namespace Attune.LmsAdapters.Caliper;

/// <summary>One validated Caliper 1.1 event of an envelope's <c>data[]</c>.</summary>
public sealed record CaliperEvent
{
    /// <summary>Its position in <c>data[]</c>.</summary>
    public required int Index { get; init; }

    /// <summary>The event's <c>id</c> as sent: <c>urn:uuid:</c> and a UUID.</summary>
    public required string Id { get; init; }

    /// <summary>The UUID of <see cref="Id"/>.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The event type: <c>NavigationEvent</c>, <c>GradeEvent</c>, ...</summary>
    public required string Type { get; init; }

    /// <summary>The action term: <c>NavigatedTo</c>, <c>Graded</c>, ...</summary>
    public required string Action { get; init; }

    /// <summary>Who acted. The learner, except in a GradeEvent, where it is the grader.</summary>
    public required CaliperEntity Actor { get; init; }

    /// <summary>What was acted on.</summary>
    public required CaliperEntity Object { get; init; }

    /// <summary>When it happened, in UTC.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>A part of the object (a page of a document), when sent.</summary>
    public CaliperEntity? Target { get; init; }

    /// <summary>What the action produced (an Attempt, a Response, a Score), when sent.</summary>
    public CaliperEntity? Generated { get; init; }

    /// <summary>Where the actor came from, when sent.</summary>
    public CaliperEntity? Referrer { get; init; }

    /// <summary>The application the event happened in, when sent.</summary>
    public CaliperEntity? EdApp { get; init; }

    /// <summary>The organisation (a CourseOffering or CourseSection) it happened in, when sent.</summary>
    public CaliperEntity? Group { get; init; }

    /// <summary>The actor's membership of <see cref="Group"/>, with roles, when sent.</summary>
    public CaliperEntity? Membership { get; init; }

    /// <summary>The actor's session, when sent.</summary>
    public CaliperEntity? Session { get; init; }

    /// <summary>The event's <c>extensions</c> object, when sent.</summary>
    public JsonElement? Extensions { get; init; }

    /// <summary>The object under <c>extensions[<paramref name="key"/>]</c>, or <c>null</c>.</summary>
    public JsonElement? Extension(string key) =>
        Extensions is { ValueKind: JsonValueKind.Object } extensions
        && extensions.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;
}
