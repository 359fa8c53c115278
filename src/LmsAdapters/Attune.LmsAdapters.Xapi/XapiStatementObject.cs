namespace Attune.LmsAdapters.Xapi;

/// <summary>The <c>object</c> of a statement: an Activity (the usual case), an Agent or Group, a StatementRef or a SubStatement.</summary>
public sealed record XapiStatementObject
{
    /// <summary><c>Activity</c>, <c>Agent</c>, <c>Group</c>, <c>StatementRef</c> or <c>SubStatement</c>.</summary>
    public required string ObjectType { get; init; }

    /// <summary>The activity, when <see cref="ObjectType"/> is <c>Activity</c>.</summary>
    public XapiActivity? Activity { get; init; }

    /// <summary>The agent or group, when the object is one.</summary>
    public XapiActor? Agent { get; init; }

    /// <summary>The referenced statement's id, when <see cref="ObjectType"/> is <c>StatementRef</c>.</summary>
    public Guid? StatementRef { get; init; }
}
