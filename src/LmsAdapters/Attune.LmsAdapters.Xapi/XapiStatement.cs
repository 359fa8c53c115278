namespace Attune.LmsAdapters.Xapi;

/// <summary>A statement that passed xAPI 1.0.3 validation, reduced to what Attune maps.</summary>
public sealed record XapiStatement
{
    /// <summary>The statement's id, when the sender set one (Moodle's logstore_xapi never does).</summary>
    public Guid? Id { get; init; }

    /// <summary>Who acted.</summary>
    public required XapiActor Actor { get; init; }

    /// <summary>The verb's IRI.</summary>
    public required string VerbId { get; init; }

    /// <summary>What was acted on.</summary>
    public required XapiStatementObject Object { get; init; }

    /// <summary>The outcome, when sent.</summary>
    public XapiResult? Result { get; init; }

    /// <summary>The context, when sent.</summary>
    public XapiContext? Context { get; init; }

    /// <summary>When it happened, in UTC, when sent.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
