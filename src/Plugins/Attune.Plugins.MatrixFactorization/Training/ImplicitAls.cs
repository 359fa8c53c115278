using System.Diagnostics;
using Attune.Plugins.MatrixFactorization.Numerics;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// Implicit-feedback ALS (Hu, Koren &amp; Volinsky 2008) with the options of Rendle et al. 2022 (unobserved weight α₀,
/// frequency-scaled λ). Minimises
///   Σ_(u,i) observed c_ui (1 − x_uᵀy_i)² + α₀ Σ_(u,i) unobserved (x_uᵀy_i)² + Σ_u λ_u‖x_u‖² + Σ_i λ_i‖y_i‖²
/// by exact alternating half-steps: each row solves (α₀YᵀY + Σ_i∈I_u (c_ui − α₀) y_i y_iᵀ + λ_u I) x_u = Σ_i∈I_u c_ui y_i
/// (Hu et al. 2008 eq. 4 with p_ui = 1 on observed pairs). An epoch is an item half-step then a learner half-step, so the
/// learner factors a fit ends with are exactly what fold-in computes against the published item factors.
/// Deterministic for a seed whatever the core count: rows are independent and the Gramian sums in a fixed order.
/// </summary>
internal static class ImplicitAls
{
    /// <summary>Initial factors ~ N(0, σ²) with σ = 0.1/√k, as in Rendle et al. 2022's setup.</summary>
    private const double InitialScale = 0.1;

    /// <summary>Fits learner and item factors to <paramref name="learners"/> (rows: learners, values: c_ui).</summary>
    public static AlsFactors Fit(SparseRows learners, SparseRows items, AlsHyperparameters h, int seed, int maxThreads,
        CancellationToken cancellationToken, Action<int, TimeSpan>? onEpoch = null, bool trackLoss = false)
    {
        var k = h.Factors;
        var x = new float[(long)learners.Rows * k];
        var y = new float[(long)items.Rows * k];
        // The exact solver needs only X (the first item half-step overwrites Y); conjugate gradient warm-starts from
        // both. Sequential draws keep the seed meaningful.
        var random = new Random(seed);
        var sigma = InitialScale / Math.Sqrt(k);
        for (long i = 0; i < x.LongLength; i++)
        {
            x[i] = (float)(sigma * Gaussian(random));
        }
        if (h.ConjugateGradientSteps > 0)
        {
            for (long i = 0; i < y.LongLength; i++)
            {
                y[i] = (float)(sigma * Gaussian(random));
            }
        }
        var losses = new List<double>();
        var epochTimes = new List<double>();
        var fallbacks = 0L;
        for (var epoch = 0; epoch < h.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            fallbacks += HalfStep(items, x, learners.Rows, y, h, maxThreads, cancellationToken);
            fallbacks += HalfStep(learners, y, items.Rows, x, h, maxThreads, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            epochTimes.Add(elapsed.TotalSeconds);
            if (trackLoss)
            {
                losses.Add(Loss(learners, x, y, items.Rows, h, maxThreads));
            }
            onEpoch?.Invoke(epoch, elapsed);
        }
        return new AlsFactors(k, learners.Rows, items.Rows, x, y, losses, epochTimes, fallbacks);
    }

    /// <summary>
    /// Solves every row of <paramref name="rows"/> against the fixed factors <paramref name="other"/> (n rows), writing
    /// <paramref name="result"/>. The Gramian of <paramref name="other"/> is computed once here and shared by all rows.
    /// </summary>
    public static long HalfStep(SparseRows rows, float[] other, int otherRows, float[] result, AlsHyperparameters h, int maxThreads, CancellationToken cancellationToken)
    {
        var k = h.Factors;
        var gramian = Gramian.Compute(other, otherRows, k, maxThreads);
        long fallbacks = 0;
        var scaled = Gramian.Scaled(gramian, h.UnobservedWeight);
        if (h.ConjugateGradientSteps > 0)
        {
            Parallel.For(0, rows.Rows, Gramian.Options(maxThreads, cancellationToken),
                () => new ConjugateGradient(k),
                (r, _, cg) =>
                {
                    var n = rows.RowLength(r);
                    cg.Solve(rows.RowColumns(r), rows.RowValues(r), other, scaled, (float)h.UnobservedWeight,
                        (float)h.RowRegularization(n, otherRows), h.ConjugateGradientSteps, result.AsSpan((int)((long)r * k), k));
                    return cg;
                },
                _ => { });
            return 0;
        }
        Parallel.For(0, rows.Rows, Gramian.Options(maxThreads, cancellationToken),
            () => new NormalEquations(k),
            (r, _, equations) =>
            {
                SolveRow(rows.RowColumns(r), rows.RowValues(r), other, scaled, otherRows, h, equations,
                    result.AsSpan((int)((long)r * k), k));
                return equations;
            },
            equations => Interlocked.Add(ref fallbacks, equations.Fallbacks));
        return fallbacks;
    }

    /// <summary>
    /// One row's exact least-squares step, shared by training and fold-in so the two cannot drift apart:
    /// x = (α₀G + Σ_j (c_j − α₀) y_j y_jᵀ + λ_row I)⁻¹ Σ_j c_j y_j over the row's observed columns (sorted ascending),
    /// where G = YᵀY over all <paramref name="otherRows"/> rows of <paramref name="other"/>, passed already scaled:
    /// <paramref name="scaledGramian"/> = α₀G as floats (<see cref="Gramian.Scaled"/>).
    /// </summary>
    public static void SolveRow(ReadOnlySpan<int> columns, ReadOnlySpan<float> confidence, ReadOnlySpan<float> other,
        ReadOnlySpan<float> scaledGramian, int otherRows, AlsHyperparameters h, NormalEquations equations, Span<float> x)
    {
        var k = h.Factors;
        var n = columns.Length;
        if (n == 0)
        {
            x.Clear(); // no observation: the minimiser of α₀‖Yx‖² + λ‖x‖² is 0
            return;
        }
        var a0 = (float)h.UnobservedWeight;
        equations.Reset(scaledGramian, h.RowRegularization(n, otherRows));
        var j = 0;
        for (; j + 4 <= n; j += 4)
        {
            equations.AddOuter4(
                Row(other, columns[j], k), confidence[j] - a0,
                Row(other, columns[j + 1], k), confidence[j + 1] - a0,
                Row(other, columns[j + 2], k), confidence[j + 2] - a0,
                Row(other, columns[j + 3], k), confidence[j + 3] - a0);
        }
        for (; j < n; j++)
        {
            equations.AddOuter(Row(other, columns[j], k), confidence[j] - a0);
        }
        for (j = 0; j < n; j++)
        {
            equations.AddRhs(Row(other, columns[j], k), confidence[j]);
        }
        equations.Solve(x);
    }

    /// <summary>
    /// The objective above, exactly: the unobserved sum is α₀(tr(XᵀX·YᵀY) − Σ_observed s²), so no pair is visited
    /// that was not observed.
    /// </summary>
    public static double Loss(SparseRows learners, float[] x, float[] y, int itemCount, AlsHyperparameters h, int maxThreads)
    {
        var k = h.Factors;
        var a0 = h.UnobservedWeight;
        var observed = 0.0;
        var regularisation = 0.0;
        for (var u = 0; u < learners.Rows; u++)
        {
            var xu = Row(x, u, k);
            var cols = learners.RowColumns(u);
            var conf = learners.RowValues(u);
            for (var j = 0; j < cols.Length; j++)
            {
                double s = System.Numerics.Tensors.TensorPrimitives.Dot(xu, Row(y, cols[j], k));
                observed += conf[j] * (1 - s) * (1 - s) - a0 * s * s;
            }
            regularisation += h.RowRegularization(cols.Length, itemCount) * System.Numerics.Tensors.TensorPrimitives.Dot(xu, xu);
        }
        var itemCounts = new int[itemCount];
        foreach (var c in learners.Columns)
        {
            itemCounts[c]++;
        }
        for (var i = 0; i < itemCount; i++)
        {
            var yi = Row(y, i, k);
            regularisation += h.RowRegularization(itemCounts[i], learners.Rows) * System.Numerics.Tensors.TensorPrimitives.Dot(yi, yi);
        }
        var all = Gramian.FrobeniusProduct(Gramian.Compute(x, learners.Rows, k, maxThreads), Gramian.Compute(y, itemCount, k, maxThreads));
        return observed + a0 * all + regularisation;
    }

    internal static ReadOnlySpan<float> Row(ReadOnlySpan<float> factors, int row, int k) => factors.Slice((int)((long)row * k), k);

    internal static double Gaussian(Random random)
    {
        // Box–Muller; 1 − NextDouble() is in (0, 1], so the log is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
