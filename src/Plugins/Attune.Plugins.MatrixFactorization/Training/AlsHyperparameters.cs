namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>What one implicit ALS fit uses: k, λ, ν, α₀ and the confidence function (which carries α).</summary>
internal sealed record AlsHyperparameters(int Factors, double Regularization, double FrequencyScaling, double UnobservedWeight, int Epochs, ConfidenceFunction Confidence)
{
    /// <summary>
    /// Conjugate-gradient steps per row in training's half-steps; 0 solves every row exactly (Cholesky). Not part of
    /// the artifact: fold-in always solves exactly.
    /// </summary>
    public int ConjugateGradientSteps { get; init; }

    public double Alpha => Confidence.Alpha;

    public static AlsHyperparameters From(MatrixFactorizationOptions o) =>
        new(o.Factors, o.Regularization, o.FrequencyScaling, o.UnobservedWeight, o.Epochs, ConfidenceFunction.From(o.Confidence, o.Alpha))
        {
            ConjugateGradientSteps = o.Solver == "cg" ? o.ConjugateGradientSteps : 0,
        };

    /// <summary>
    /// λ for a row with <paramref name="observed"/> entries against <paramref name="otherSide"/> rows of the other factor:
    /// Rendle et al. 2022's frequency-scaled λ·(|I_u| + α₀|I|)^ν; ν = 0 gives Hu et al. 2008's plain λ.
    /// </summary>
    public double RowRegularization(int observed, int otherSide) =>
        FrequencyScaling == 0
            ? Regularization
            : Regularization * Math.Pow(observed + UnobservedWeight * otherSide, FrequencyScaling);

    public override string ToString() => $"k={Factors} lambda={Regularization:g4} alpha={Alpha:g4}";
}
