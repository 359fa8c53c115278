namespace Attune.Plugins;

/// <summary>What to train.</summary>
/// <param name="Tenant">The tenant whose interactions are read.</param>
/// <param name="Previous">The model currently serving, for warm starts, if any.</param>
/// <param name="Seed">Seed for every random choice, so training is reproducible.</param>
public sealed record TrainingRequest(TenantId Tenant, ModelArtifact? Previous, int Seed)
{
    /// <summary>
    /// Every catalog entry of the tenant (kinds, minutes, skills, the courses' structure), so a model can relate what it
    /// reads in the journal to what the items are. Empty when the tenant has no catalog.
    /// </summary>
    public IReadOnlyList<CatalogEntry> Catalog { get; init; } = [];
}
