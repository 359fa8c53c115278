namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>The result of an implicit ALS fit: row-major factors (learners × k, items × k) and what the fit measured.</summary>
internal sealed record AlsFactors(
    int Factors,
    int Learners,
    int Items,
    float[] LearnerFactors,
    float[] ItemFactors,
    IReadOnlyList<double> Losses,
    IReadOnlyList<double> EpochSeconds,
    long SolverFallbacks)
{
    public ReadOnlySpan<float> Learner(int u) => LearnerFactors.AsSpan((int)((long)u * Factors), Factors);

    public ReadOnlySpan<float> Item(int i) => ItemFactors.AsSpan((int)((long)i * Factors), Factors);
}
