namespace Attune.Silo.Connections;

/// <summary>A registered LMS connection, without its token (which never leaves <see cref="ConnectionStore"/> in clear).</summary>
public sealed record LmsConnection(
    string Id,
    string Tenant,
    string Kind,
    Uri Url,
    string Schedule,
    IReadOnlyDictionary<string, string> Settings,
    DateTimeOffset CreatedAt,
    string? Cursor,
    ConnectionStatus Status)
{
}

/// <summary>What the last sync of a connection did; <see cref="LastError"/> is null only after a pass that succeeded.</summary>
public sealed record ConnectionStatus
{
    public static ConnectionStatus Never { get; } = new();

    public DateTimeOffset? LastSyncAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public string? LastError { get; init; }
    public TimeSpan? LastDuration { get; init; }
    public long EventsAccepted { get; init; }
    public long EventsDuplicate { get; init; }
    /// <summary>Pulled records the ingestion rules refused (a timestamp far in the future, say): reported, not written.</summary>
    public long EventsRefused { get; init; }
    /// <summary>Which records were refused and why (the first 20).</summary>
    public IReadOnlyList<string> RefusedEvents { get; init; } = [];
    public int CatalogItems { get; init; }
    public int Learners { get; init; }
    public int Courses { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> CourseErrors { get; init; } = [];
    /// <summary>What a sync needs (Moodle web-service functions), as the connector lists them.</summary>
    public IReadOnlyList<string> RequiredFunctions { get; init; } = [];
    /// <summary>What a sync uses when the token may.</summary>
    public IReadOnlyList<string> OptionalFunctions { get; init; } = [];
    public IReadOnlyList<string> MissingFunctions { get; init; } = [];
    public string? Site { get; init; }
    /// <summary>The journal source of the site's facts, shared by every connection to the site.</summary>
    public string? Source { get; init; }
}
