namespace Attune.LmsAdapters.Xapi;

/// <summary>One statement of a request body: valid (<see cref="Statement"/> set) or refused (<see cref="Errors"/> not empty).</summary>
/// <param name="Index">Its position in the body (0 for a single statement).</param>
/// <param name="Statement">The validated statement, or <c>null</c> when it was refused.</param>
/// <param name="Errors">Each problem found, with fields relative to the statement.</param>
public sealed record XapiParsedStatement(int Index, XapiStatement? Statement, IReadOnlyList<XapiFieldError> Errors)
{
    /// <summary>Whether the statement passed validation.</summary>
    public bool IsValid => Statement is not null && Errors.Count == 0;
}
