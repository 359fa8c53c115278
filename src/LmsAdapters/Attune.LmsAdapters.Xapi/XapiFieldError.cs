namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// Why a statement was refused, naming the offending field as a JSON path relative to the request body
/// (<c>actor.mbox</c>, <c>result.score.scaled</c>, <c>[2].verb.id</c> for the third statement of an array).
/// </summary>
/// <param name="Field">The path of the bad field; empty when the whole value is wrong.</param>
/// <param name="Message">What is wrong with it, in words.</param>
public sealed record XapiFieldError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";

    internal XapiFieldError Under(string prefix) =>
        this with { Field = Field.Length == 0 ? prefix : Field.StartsWith('[') ? prefix + Field : $"{prefix}.{Field}" };
}
