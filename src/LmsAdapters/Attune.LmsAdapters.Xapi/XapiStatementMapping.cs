namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// What became of one statement: refused (<see cref="Errors"/>), accepted and mapped (<see cref="Event"/>), or
/// accepted and skipped (<see cref="SkipReason"/>: valid xAPI that is no learning event Attune models).
/// </summary>
/// <param name="Index">Its position in the request body.</param>
/// <param name="StatementId">The statement's id, or the deterministic one derived for it; <c>null</c> when refused.</param>
/// <param name="Event">The event it became, when mapped.</param>
/// <param name="SkipReason">Why an accepted statement produced no event.</param>
/// <param name="Errors">Why it was refused; empty when accepted.</param>
public sealed record XapiStatementMapping(
    int Index,
    Guid? StatementId,
    LearningEvent? Event,
    string? SkipReason,
    IReadOnlyList<XapiFieldError> Errors)
{
    /// <summary>Whether the statement is valid xAPI (mapped or skipped).</summary>
    public bool IsAccepted => Errors.Count == 0 && StatementId is not null;

    /// <summary>The verb of a statement skipped because the verb maps to no event kind, for counting per verb.</summary>
    public string? UnmappedVerb { get; init; }

    /// <summary>The source (LMS site) the statement was attributed to, skipped or not; <c>null</c> for a generic statement.</summary>
    public string? Source { get; init; }

    /// <summary>A catalog entry the site's profile gives for an item that is no learning activity, if any.</summary>
    public CatalogEntry? NotAnActivity { get; init; }
}
