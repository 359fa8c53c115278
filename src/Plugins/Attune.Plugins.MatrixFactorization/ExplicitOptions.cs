namespace Attune.Plugins.MatrixFactorization;

/// <summary>
/// The explicit model: biased matrix factorisation r̂ = μ + b_u + b_i + p_uᵀq_i over the learners' latest scores
/// (0..1), trained by ALS with weighted-λ regularisation (Zhou et al. 2008). It predicts how well a learner will
/// score on a graded item; the prediction is said in the reason.
/// </summary>
public sealed class ExplicitOptions
{
    /// <summary>Whether to train it when the journal has enough scores.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Latent factors of the explicit model.</summary>
    public int Factors { get; set; } = 16;

    /// <summary>λ, multiplied per row by its number of scores (Zhou et al. 2008).</summary>
    public double Regularization { get; set; } = 0.1;

    /// <summary>ALS epochs.</summary>
    public int Epochs { get; set; } = 15;

    /// <summary>Scored (learner, item) pairs needed before an explicit model is trained.</summary>
    public int MinimumScores { get; set; } = 50;

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem() =>
        Factors is < 1 or > 256 ? "Explicit:Factors must be from 1 to 256"
        : !(Regularization > 0) || !double.IsFinite(Regularization) ? "Explicit:Regularization must be a positive number"
        : Epochs is < 1 or > 1000 ? "Explicit:Epochs must be from 1 to 1000"
        : MinimumScores < 1 ? "Explicit:MinimumScores must be at least 1"
        : null;
}
