namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>How <see cref="BktFitter"/> searches.</summary>
public sealed record BktFitOptions
{
    /// <summary>The most EM iterations per start.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>EM stops when the log-likelihood improves by less than this fraction of itself.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;

    /// <summary>Whether P(F) is fitted; when not, it is held at 0 (classic BKT, as pyBKT without <c>forgets</c>).</summary>
    public bool FitForgetting { get; init; } = true;

    /// <summary>
    /// Where EM starts. BKT's likelihood has local optima (Beck &amp; Chang 2007), so several fixed starts are tried and
    /// the one with the best likelihood kept; fixed, so a fit is reproducible.
    /// </summary>
    public IReadOnlyList<BktParameters> Starts { get; init; } =
    [
        new(0.4, 0.10, 0.02, 0.20, 0.10),
        new(0.2, 0.20, 0.05, 0.30, 0.20),
        new(0.7, 0.05, 0.005, 0.15, 0.05),
    ];
}
