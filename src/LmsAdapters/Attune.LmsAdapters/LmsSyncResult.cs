namespace Attune.LmsAdapters;

/// <summary>What one pull pass produced, for the host to write: catalog, course titles, identities, events, and the cursor.</summary>
public sealed record LmsSyncResult
{
    /// <summary>The site check the pass began with.</summary>
    public required LmsSiteCheck Site { get; init; }

    /// <summary>Catalog entries of the courses read.</summary>
    public IReadOnlyList<CatalogEntry> Catalog { get; init; } = [];

    /// <summary>The courses read, with the title the LMS gives them.</summary>
    public IReadOnlyList<LmsCourse> Courses { get; init; } = [];

    /// <summary>Learners met, with every name the LMS has for them (for the identity map).</summary>
    public IReadOnlyList<LmsLearnerIdentity> Learners { get; init; } = [];

    /// <summary>Events, each with its fact key as id, all under the site's source.</summary>
    public IReadOnlyList<LearningEvent> Events { get; init; } = [];

    /// <summary>Partial failures the LMS reported inside successful answers, and what was skipped for lack of rights.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Courses (or learners) that could not be read this pass; their cursors stayed put.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The cursor to store once the events are durable (JSON, connector-owned).</summary>
    public required string Cursor { get; init; }

    /// <summary>Settings to store on the connection for its push door (Canvas item aliases), or <c>null</c> for none.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
}
