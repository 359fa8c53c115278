namespace Attune;

/// <summary>Identifies a course. Compared ordinally and case-sensitively.</summary>
public readonly record struct CourseId
{
    /// <summary>Creates an id, enforcing the <see cref="Identifier"/> rules.</summary>
    /// <exception cref="ArgumentException">The value breaks an identifier rule.</exception>
    public CourseId(string value) => Value = Identifier.Require(value, nameof(value));

    /// <summary>The id as given by its source.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
