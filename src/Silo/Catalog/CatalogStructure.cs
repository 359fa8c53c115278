namespace Attune.Silo.Catalog;

/// <summary>
/// An item's place in its course's structure, stored as one JSON column (<c>catalog_items.structure</c>) so the
/// structure can grow without a migration per field.
/// </summary>
internal sealed record CatalogStructure(
    string? Section,
    int? Position,
    IReadOnlyList<string>? Prerequisites,
    IReadOnlyList<string>? PrerequisiteSkills,
    CatalogCompletion? Completion,
    string? Url,
    bool Recommendable = true)
{
    public static readonly CatalogStructure None = new(null, null, [], [], null, null);
}
