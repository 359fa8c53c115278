namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// A whole request body mapped. An LRS must accept a batch whole or refuse it whole (xAPI-Communication.md
/// §2.1.2), so a receiver checks <see cref="IsValid"/> first, answers 400 with <see cref="Errors"/> when it is
/// false, and otherwise stores <see cref="Events"/> and answers <see cref="StatementIds"/> in order.
/// </summary>
/// <param name="IsArray">Whether the body was an array.</param>
/// <param name="Statements">One entry per statement, in order.</param>
/// <param name="BodyError">Why the body as a whole was refused, or <c>null</c>.</param>
public sealed record XapiBatchMapping(bool IsArray, IReadOnlyList<XapiStatementMapping> Statements, string? BodyError = null)
{
    /// <summary>Whether the body was readable and every statement is accepted.</summary>
    public bool IsValid => BodyError is null && Statements.All(s => s.IsAccepted);

    /// <summary>Every problem, with fields relative to the body (<c>[1].actor</c> in an array).</summary>
    public IReadOnlyList<XapiFieldError> Errors =>
        BodyError is not null
            ? [new XapiFieldError(string.Empty, BodyError)]
            : [.. Statements.SelectMany(s => s.Errors.Select(e => IsArray ? e.Under($"[{s.Index}]") : e))];

    /// <summary>The events of the mapped statements, in body order.</summary>
    public IReadOnlyList<LearningEvent> Events => [.. Statements.Where(s => s.Event is not null).Select(s => s.Event!)];

    /// <summary>The statement ids in body order, as <c>POST /statements</c> answers them; empty when invalid.</summary>
    public IReadOnlyList<Guid> StatementIds => IsValid ? [.. Statements.Select(s => s.StatementId!.Value)] : [];
}
