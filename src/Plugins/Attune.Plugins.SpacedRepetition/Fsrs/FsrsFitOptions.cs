namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>How <see cref="FsrsOptimizer"/> fits one learner.</summary>
public sealed record FsrsFitOptions
{
    /// <summary>
    /// The weights fitted per learner: initial stabilities (w0–w3), the recall-stability scale and its response to
    /// forgetting (w8, w10), the lapse-stability scale (w11) and the curve's decay (w20) — what differs most between
    /// people. The rest stay at the tenant's values: a few hundred reviews cannot pin down 21 weights.
    /// </summary>
    public IReadOnlyList<int> FittedWeights { get; init; } = [0, 1, 2, 3, 8, 10, 11, 20];

    /// <summary>The newest fraction of reviews held out to decide whether the fit is kept.</summary>
    public double HeldOutFraction { get; init; } = 0.25;

    /// <summary>Fewer evaluable reviews than this (reviews at least a day after the previous one) and nothing is fitted.</summary>
    public int MinReviews { get; init; } = 60;

    /// <summary>
    /// Strength of the pull towards the current weights: the loss is mean log loss + κ/N·Σθ², with w = w₀·e^θ. κ = 10
    /// makes a 50% change in a weight cost as much as a 0.025 drop in log loss per review when N = 100.
    /// </summary>
    public double Prior { get; init; } = 10;

    /// <summary>Gradient steps.</summary>
    public int MaxIterations { get; init; } = 25;
}
