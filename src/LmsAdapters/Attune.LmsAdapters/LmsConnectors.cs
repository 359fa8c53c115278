namespace Attune.LmsAdapters;

/// <summary>The connectors registered in a host, by kind.</summary>
public sealed class LmsConnectors
{
    private readonly Dictionary<string, ILmsConnector> _byKind;

    /// <summary>Indexes the registered connectors.</summary>
    /// <exception cref="InvalidOperationException">Two connectors claim one kind.</exception>
    public LmsConnectors(IEnumerable<ILmsConnector> connectors)
    {
        _byKind = new Dictionary<string, ILmsConnector>(StringComparer.OrdinalIgnoreCase);
        foreach (var connector in connectors)
        {
            if (!_byKind.TryAdd(connector.Kind, connector))
            {
                throw new InvalidOperationException($"Two LMS connectors claim the kind '{connector.Kind}'.");
            }
        }
    }

    /// <summary>The kinds, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. _byKind.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The connector of <paramref name="kind"/>, or <c>null</c>.</summary>
    public ILmsConnector? Find(string? kind) => kind is not null && _byKind.TryGetValue(kind, out var c) ? c : null;
}
