using Attune.Plugins.MatrixFactorization.Numerics;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// Biased matrix factorisation for scores (Koren, Bell &amp; Volinsky 2009, eq. 4: r̂_ui = μ + b_u + b_i + p_uᵀq_i),
/// fitted by ALS with weighted-λ regularisation (Zhou et al. 2008: λ·n_u on each row). Each row solves for its factors
/// and its bias together, z_u = [p_u; b_u], against features f_i = [q_i; 1] and targets r_ui − μ − b_i:
/// (Σ_i f_i f_iᵀ + λ n_u I) z_u = Σ_i (r_ui − μ − b_i) f_i. Parameters are stored as k + 1 floats per row, bias last.
/// </summary>
internal static class ExplicitMatrixFactorization
{
    /// <summary>Fits to <paramref name="learners"/> (rows: learners, values: scores) and its transpose.</summary>
    public static ExplicitFactors Fit(SparseRows learners, SparseRows items, int factors, double regularization, int epochs, int seed, int maxThreads, CancellationToken cancellationToken)
    {
        var width = factors + 1;
        var mean = Mean(learners.Values);
        var p = new float[(long)learners.Rows * width];
        var q = new float[(long)items.Rows * width];
        var random = new Random(seed);
        var sigma = 0.1 / Math.Sqrt(factors);
        for (var u = 0; u < learners.Rows; u++)
        {
            for (var f = 0; f < factors; f++)
            {
                p[(long)u * width + f] = (float)(sigma * ImplicitAls.Gaussian(random));
            }
        }
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HalfStep(items, p, q, factors, mean, regularization, maxThreads, cancellationToken);
            HalfStep(learners, q, p, factors, mean, regularization, maxThreads, cancellationToken);
        }
        return new ExplicitFactors(factors, mean, p, q);
    }

    private static void HalfStep(SparseRows rows, float[] other, float[] result, int factors, float mean, double regularization, int maxThreads, CancellationToken cancellationToken)
    {
        var width = factors + 1;
        Parallel.For(0, rows.Rows, Gramian.Options(maxThreads, cancellationToken),
            () => (Equations: new NormalEquations(width), Feature: new float[width]),
            (r, _, w) =>
            {
                SolveRow(rows.RowColumns(r), rows.RowValues(r), other, factors, mean, regularization, w.Equations, w.Feature,
                    result.AsSpan((int)((long)r * width), width));
                return w;
            },
            _ => { });
    }

    /// <summary>One row's step, shared by training and fold-in. <paramref name="feature"/> is k + 1 floats of scratch.</summary>
    public static void SolveRow(ReadOnlySpan<int> columns, ReadOnlySpan<float> scores, ReadOnlySpan<float> other, int factors,
        float mean, double regularization, NormalEquations equations, Span<float> feature, Span<float> z)
    {
        var width = factors + 1;
        var n = columns.Length;
        if (n == 0)
        {
            z.Clear();
            return;
        }
        equations.Reset([], regularization * n);
        for (var j = 0; j < n; j++)
        {
            var o = other.Slice((int)((long)columns[j] * width), width);
            o[..factors].CopyTo(feature);
            feature[factors] = 1;
            equations.AddOuter(feature, 1);
            equations.AddRhs(feature, scores[j] - mean - o[factors]);
        }
        equations.Solve(z);
    }

    /// <summary>Root mean squared error of <paramref name="predict"/> over (row, column, score) triples.</summary>
    public static double Rmse(ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<float> scores, Func<int, int, double> predict)
    {
        var sum = 0.0;
        for (var t = 0; t < rows.Length; t++)
        {
            var e = predict(rows[t], columns[t]) - scores[t];
            sum += e * e;
        }
        return rows.Length == 0 ? double.NaN : Math.Sqrt(sum / rows.Length);
    }

    private static float Mean(float[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return values.Length == 0 ? 0f : (float)(sum / values.Length);
    }
}
