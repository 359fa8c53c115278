using System.Numerics;
using System.Runtime.InteropServices;

namespace Attune.Plugins.MatrixFactorization.Numerics;

/// <summary>
/// The Gramian FᵀF of a factor matrix F (n rows of k floats), in double. Hu et al. 2008 §4: YᵀC^uY = YᵀY + Yᵀ(C^u − I)Y,
/// so YᵀY is computed once per half-step (and once per loaded model) and every row's solve only adds its own items.
/// Deterministic whatever the core count: rows are summed in fixed chunks and the chunks are added in order.
/// </summary>
internal static class Gramian
{
    private const int ChunkRows = 1024;

    /// <summary>Returns the full symmetric k×k Gramian, row-major.</summary>
    public static double[] Compute(float[] factors, int rows, int k, int maxThreads = 0)
    {
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var partial = new double[Math.Max(1, chunks)][];
        Parallel.For(0, chunks, Options(maxThreads), chunk =>
        {
            var g = new double[k * k];
            var row = new double[k];
            var end = Math.Min(rows, (chunk + 1) * ChunkRows);
            for (var r = chunk * ChunkRows; r < end; r++)
            {
                var f = factors.AsSpan((int)((long)r * k), k);
                for (var c = 0; c < k; c++)
                {
                    row[c] = f[c];
                }
                AddLowerOuter(g, row, k);
            }
            partial[chunk] = g;
        });
        var gramian = new double[k * k];
        foreach (var g in partial)
        {
            if (g is null)
            {
                continue;
            }
            for (var i = 0; i < gramian.Length; i++)
            {
                gramian[i] += g[i];
            }
        }
        for (var r = 0; r < k; r++)
        {
            for (var c = r + 1; c < k; c++)
            {
                gramian[r * k + c] = gramian[c * k + r];
            }
        }
        return gramian;
    }

    /// <summary>α₀·G rounded to floats once, the form every row's solve starts from.</summary>
    public static float[] Scaled(double[] gramian, double scale)
    {
        var scaled = new float[gramian.Length];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (float)(scale * gramian[i]);
        }
        return scaled;
    }

    /// <summary>Σ_rc A[r,c]·B[r,c]: tr(AᵀB), which for two Gramians is Σ_u Σ_i (x_u·y_i)² without visiting every pair.</summary>
    public static double FrobeniusProduct(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    internal static ParallelOptions Options(int maxThreads, CancellationToken cancellationToken = default) => new()
    {
        MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount,
        CancellationToken = cancellationToken,
    };

    // g[r, 0..r] += row[r] · row[0..r]; the upper triangle is mirrored at the end.
    private static void AddLowerOuter(double[] g, double[] row, int k)
    {
        var w = Vector<double>.Count;
        ref var gRef = ref MemoryMarshal.GetArrayDataReference(g);
        ref var yRef = ref MemoryMarshal.GetArrayDataReference(row);
        for (var r = 0; r < k; r++)
        {
            var s = row[r];
            var sv = new Vector<double>(s);
            var offset = r * k;
            var c = 0;
            for (; c + w <= r + 1; c += w)
            {
                var a = Vector.LoadUnsafe(ref gRef, (nuint)(offset + c));
                (a + sv * Vector.LoadUnsafe(ref yRef, (nuint)c)).StoreUnsafe(ref gRef, (nuint)(offset + c));
            }
            for (; c <= r; c++)
            {
                g[offset + c] += s * row[c];
            }
        }
    }
}
