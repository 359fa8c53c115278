using System.Globalization;

namespace Attune.Plugins.MatrixFactorization;

/// <summary>
/// Settings of the <c>matrix-factorization</c> recommender, from <c>Attune:Plugins:Settings:matrix-factorization:&lt;key&gt;</c>.
/// Training reads them; a trained model carries the values it was trained with, so fold-in and scoring always use the
/// model's own confidence function and regularisation even after the settings change.
/// </summary>
public sealed class MatrixFactorizationOptions
{
    /// <summary>Latent factors k of the implicit model.</summary>
    public int Factors { get; set; } = 64;

    /// <summary>
    /// λ, the L2 regularisation. With <see cref="FrequencyScaling"/> ν &gt; 0 it is multiplied per row by
    /// (n + α₀·N)^ν as in Rendle et al. 2022, so one value suits tenants of any size.
    /// </summary>
    public double Regularization { get; set; } = 0.03;

    /// <summary>
    /// ν of Rendle et al. 2022's frequency-scaled regularisation: 0 is plain Hu et al. 2008 (λ alone), 1 scales λ by the
    /// row's observed count plus α₀ times the other side's size.
    /// </summary>
    public double FrequencyScaling { get; set; } = 1;

    /// <summary>α of Hu et al. 2008 eq. 2: how much more an observed interaction weighs than an unobserved one.</summary>
    public double Alpha { get; set; } = 2;

    /// <summary>
    /// α₀, the weight of every unobserved (learner, item) pair (Rendle et al. 2022); 1 is Hu et al. 2008. At most 1, so
    /// an observed pair (weight 1 + α·g ≥ 1) never weighs less than an unobserved one.
    /// </summary>
    public double UnobservedWeight { get; set; } = 1;

    /// <summary>ALS epochs (one item half-step and one learner half-step each).</summary>
    public int Epochs { get; set; } = 15;

    /// <summary>
    /// How training solves each row: <c>cholesky</c> exactly (fold-in then equals training's learner half-step), or
    /// <c>cg</c>, <see cref="ConjugateGradientSteps"/> warm-started conjugate-gradient steps (Takács et al. 2011), several
    /// times faster per epoch at large k; fold-in still solves exactly.
    /// </summary>
    public string Solver { get; set; } = "cholesky";

    /// <summary>Conjugate-gradient steps per row and half-step when <see cref="Solver"/> is <c>cg</c>.</summary>
    public int ConjugateGradientSteps { get; set; } = 3;

    /// <summary>How many cores training may use; 0 means all.</summary>
    public int MaxThreads { get; set; }

    /// <summary>How events become confidence.</summary>
    public ConfidenceOptions Confidence { get; set; } = new();

    /// <summary>The explicit (score-predicting) model.</summary>
    public ExplicitOptions Explicit { get; set; } = new();

    /// <summary>The hyperparameter search run before the final fit.</summary>
    public TuningOptions Tuning { get; set; } = new();

    /// <summary>How many candidates <c>Score</c> returns at most; 0 means all of them.</summary>
    public int MaxScored { get; set; }

    /// <summary>Why these settings cannot work, or <c>null</c>.</summary>
    public string? Problem()
    {
        if (Factors is < 1 or > 1024)
        {
            return "Factors must be from 1 to 1024";
        }
        if (!(Regularization > 0) || !double.IsFinite(Regularization))
        {
            return "Regularization must be a positive number";
        }
        if (!(FrequencyScaling >= 0 && FrequencyScaling <= 2))
        {
            return "FrequencyScaling must be from 0 to 2";
        }
        if (!(Alpha >= 0) || !double.IsFinite(Alpha))
        {
            return "Alpha must be a non-negative number";
        }
        if (!(UnobservedWeight > 0 && UnobservedWeight <= 1))
        {
            return "UnobservedWeight must be more than 0 and at most 1";
        }
        if (Epochs is < 1 or > 1000)
        {
            return "Epochs must be from 1 to 1000";
        }
        if (Solver is not ("cholesky" or "cg") || ConjugateGradientSteps is < 1 or > 64)
        {
            return "Solver must be 'cholesky' or 'cg', and ConjugateGradientSteps from 1 to 64";
        }
        if (MaxThreads < 0 || MaxScored < 0)
        {
            return "MaxThreads and MaxScored must not be negative";
        }
        return Confidence.Problem() ?? Explicit.Problem() ?? Tuning.Problem();
    }

    /// <summary>Parses a comma-separated list of numbers, as the tuning grid settings are written.</summary>
    internal static double[] ParseList(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new FormatException($"{name}: '{parts[i]}' is not a number.");
            }
        }
        return values;
    }
}
