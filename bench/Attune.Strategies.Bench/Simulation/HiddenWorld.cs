namespace Attune.Strategies.Bench.Simulation;

/// <summary>How hard the hidden world forgets: the floor knowledge decays to, and how long new knowledge lasts.</summary>
/// <param name="Name">What the report calls it.</param>
/// <param name="Residual">ρ: the fraction of peak knowledge never forgotten.</param>
/// <param name="InitialStabilityDays">τ of a newly met skill, before the personal memory factor.</param>
internal sealed record HiddenWorld(string Name, double Residual, double InitialStabilityDays)
{
    /// <summary>The main world: most of what is learned once fades within weeks without review.</summary>
    public static HiddenWorld Forgetful { get; } = new("forgetful (ρ = 0.35, τ₀ = 3 d)", 0.35, 3);

    /// <summary>The sensitivity check: knowledge lasts three times longer and 60% is never lost.</summary>
    public static HiddenWorld Gentle { get; } = new("gentle (ρ = 0.6, τ₀ = 9 d)", 0.6, 9);
}
