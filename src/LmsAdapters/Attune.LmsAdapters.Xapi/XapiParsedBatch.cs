namespace Attune.LmsAdapters.Xapi;

/// <summary>A request body read as xAPI statements: either a body-level error or one entry per statement.</summary>
/// <param name="IsArray">Whether the body was an array (field paths then start with <c>[i]</c>).</param>
/// <param name="Statements">One entry per statement, in order.</param>
/// <param name="BodyError">Why the body as a whole was refused (not JSON, not an object or array), or <c>null</c>.</param>
public sealed record XapiParsedBatch(bool IsArray, IReadOnlyList<XapiParsedStatement> Statements, string? BodyError = null)
{
    /// <summary>Whether every statement is valid and the body was readable.</summary>
    public bool IsValid => BodyError is null && Statements.All(s => s.IsValid);

    /// <summary>Every problem, with fields relative to the body (<c>[1].actor</c> in an array).</summary>
    public IReadOnlyList<XapiFieldError> Errors =>
        BodyError is not null
            ? [new XapiFieldError(string.Empty, BodyError)]
            : [.. Statements.SelectMany(s => s.Errors.Select(e => IsArray ? e.Under($"[{s.Index}]") : e))];
}
