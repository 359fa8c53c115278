using System.Numerics.Tensors;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>A fitted explicit model: μ and k + 1 floats per learner and per item (factors, then bias).</summary>
internal sealed record ExplicitFactors(int Factors, float Mean, float[] LearnerParameters, float[] ItemParameters)
{
    public int Width => Factors + 1;

    /// <summary>r̂ = μ + b_u + b_i + p_uᵀq_i, clamped to the score range 0..1.</summary>
    public double Predict(int learner, int item) =>
        Predict(Mean, LearnerParameters.AsSpan((int)((long)learner * Width), Width), ItemParameters.AsSpan((int)((long)item * Width), Width));

    public static double Predict(float mean, ReadOnlySpan<float> learner, ReadOnlySpan<float> item)
    {
        var k = learner.Length - 1;
        var r = mean + learner[k] + item[k] + TensorPrimitives.Dot(learner[..k], item[..k]);
        return Math.Clamp(r, 0, 1);
    }
}
