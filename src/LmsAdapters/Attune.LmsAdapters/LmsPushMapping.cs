namespace Attune.LmsAdapters;

/// <summary>What a push became: events to journal, or why the delivery is refused whole.</summary>
public sealed record LmsPushMapping
{
    /// <summary>The events (fact keys as ids, the site's source).</summary>
    public IReadOnlyList<LearningEvent> Events { get; init; } = [];

    /// <summary>Why parts were skipped, one line each, with the verb or event name that was not mapped.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Skipped deliveries per verb or event name, for the connection's status.</summary>
    public IReadOnlyDictionary<string, int> IgnoredByVerb { get; init; } = new Dictionary<string, int>();

    /// <summary>Set when the delivery is refused: the field and what is wrong.</summary>
    public (string Field, string Message)? Error { get; init; }

    /// <summary>Set when the delivery's signature or sender could not be verified (answered 401).</summary>
    public string? Unverified { get; init; }
}
