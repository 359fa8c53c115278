namespace Attune.LmsAdapters.Xapi;

/// <summary>
/// An xAPI Agent or Group, reduced to its inverse functional identifier (IFI). A valid Agent has exactly one
/// of <see cref="Mbox"/>, <see cref="MboxSha1Sum"/>, <see cref="OpenId"/>, <see cref="Account"/>; an anonymous
/// Group has none and lists members instead.
/// </summary>
public sealed record XapiActor
{
    /// <summary><c>Agent</c> or <c>Group</c>.</summary>
    public required string ObjectType { get; init; }

    /// <summary>The display name, if sent. Never used as an identity.</summary>
    public string? Name { get; init; }

    /// <summary>A <c>mailto:</c> IRI.</summary>
    public string? Mbox { get; init; }

    /// <summary>The hex SHA-1 of a <c>mailto:</c> IRI, lower-cased.</summary>
    public string? MboxSha1Sum { get; init; }

    /// <summary>An OpenID URI.</summary>
    public string? OpenId { get; init; }

    /// <summary>An account on some system.</summary>
    public XapiAccount? Account { get; init; }

    /// <summary>Members of a Group, when listed.</summary>
    public IReadOnlyList<XapiActor> Members { get; init; } = [];

    /// <summary>Whether the actor carries an IFI (an anonymous Group does not).</summary>
    public bool IsIdentified => Mbox is not null || MboxSha1Sum is not null || OpenId is not null || Account is not null;

    /// <summary>
    /// The IFI as one string that differs for different identities: <c>mbox:</c>, <c>mbox_sha1sum:</c>,
    /// <c>openid:</c> or <c>account:</c> followed by the value (the account as home page, space, name).
    /// Used for deterministic statement ids; <c>null</c> for an anonymous Group.
    /// </summary>
    public string? IdentityKey =>
        Mbox is not null ? "mbox:" + Mbox
        : MboxSha1Sum is not null ? "mbox_sha1sum:" + MboxSha1Sum
        : OpenId is not null ? "openid:" + OpenId
        : Account is not null ? $"account:{Account.HomePage} {Account.Name}"
        : null;
}
