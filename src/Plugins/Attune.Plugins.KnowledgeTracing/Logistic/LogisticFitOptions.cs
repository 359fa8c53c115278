namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>How <see cref="LogisticFitter"/> fits.</summary>
public sealed record LogisticFitOptions
{
    /// <summary>
    /// L2 penalty on per-skill and per-item terms, on the mean log loss: λ = 1e-4 shrinks a skill's own terms as
    /// strongly as 1e-4·N pseudo-answers would, so rare skills stay near the shared weights.
    /// </summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Skills need at least this many answers for their own terms; rarer ones use only the shared weights.</summary>
    public int MinAnswersPerSkill { get; init; } = 30;

    /// <summary>Items need at least this many answers for their own easiness; 0 turns item easiness off.</summary>
    public int MinAnswersPerItem { get; init; } = 30;

    /// <summary>The most L-BFGS iterations.</summary>
    public int MaxIterations { get; init; } = 300;
}
