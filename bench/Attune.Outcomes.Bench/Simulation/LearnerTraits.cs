namespace Attune.Outcomes.Bench.Simulation;

/// <summary>How one simulated learner differs from the others: all multipliers around 1.</summary>
/// <param name="Ability">Scales every gain (the rate in the learning curve).</param>
/// <param name="Memory">Scales the stability of what they learn (how slowly it fades).</param>
/// <param name="Speed">Actual minutes per estimated minute: above 1 is slower than the catalog's estimate.</param>
/// <param name="PriorKnowledge">Knowledge of each skill on the first day.</param>
public sealed record LearnerTraits(double Ability, double Memory, double Speed, IReadOnlyList<double> PriorKnowledge);
