namespace Attune;

/// <summary>Identifies a tenant: one university or deployment, the unit of isolation. Compared ordinally and case-sensitively.</summary>
public readonly record struct TenantId
{
    /// <summary>Creates an id, enforcing the <see cref="Identifier"/> rules.</summary>
    /// <exception cref="ArgumentException">The value breaks an identifier rule or contains '/'.</exception>
    public TenantId(string value)
    {
        Value = Identifier.Require(value, nameof(value));
        // Grain keys are "tenant/learner": a slash in the tenant would make the split ambiguous.
        if (value.Contains('/'))
        {
            throw new ArgumentException("A tenant id must not contain '/'.", nameof(value));
        }
    }

    /// <summary>The id as given by its source.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
