using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LinearAlgebra = MathNet.Numerics.LinearAlgebra;

namespace Attune.Plugins.MatrixFactorization.Numerics;

/// <summary>
/// One row's least-squares problem (A + λI) x = b, assembled and solved in place: the workhorse of every ALS half-step
/// and of fold-in. A is kept as a lower triangle of floats (rank-one updates are the hot loop, SIMD over Vector&lt;float&gt;);
/// the Cholesky factorisation and the substitutions run in double for stability. One instance per thread; nothing is
/// allocated per row.
/// </summary>
internal sealed class NormalEquations
{
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly double[] _w;
    private readonly double[] _u;
    private readonly double[] _z;
    private readonly bool _wide;

    public NormalEquations(int k)
    {
        K = k;
        _wide = Vector512.IsHardwareAccelerated && k % 16 == 0;
        _a = new float[k * k];
        _b = new float[k];
        _w = new double[k * k];
        _u = new double[k * k];
        _z = new double[k];
    }

    /// <summary>The dimension.</summary>
    public int K { get; }

    /// <summary>Rows that needed the MathNet fallback because A was not numerically positive definite.</summary>
    public long Fallbacks { get; private set; }

    /// <summary>
    /// A = G + ridge·I, where <paramref name="gramian"/> is the already scaled k×k Gramian (α₀·YᵀY as floats, computed
    /// once per half-step or per model by <see cref="Gramian.Scaled"/>) or empty for zero; b = 0.
    /// </summary>
    public void Reset(ReadOnlySpan<float> gramian, double ridge)
    {
        var k = K;
        // Whole rows, not only the lower triangle: the SIMD updates spill into the upper triangle, and resetting it
        // keeps those never-read cells bounded.
        if (gramian.IsEmpty)
        {
            Array.Clear(_a);
        }
        else
        {
            gramian.CopyTo(_a);
        }
        for (var r = 0; r < k; r++)
        {
            _a[r * k + r] = (float)(_a[r * k + r] + ridge);
        }
        Array.Clear(_b);
    }

    /// <summary>A += w·y yᵀ (lower triangle).</summary>
    public void AddOuter(ReadOnlySpan<float> y, float w)
    {
        var k = K;
        var width = Vector<float>.Count;
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var yRef = ref MemoryMarshal.GetReference(y);
        for (var r = 0; r < k; r++)
        {
            var s = w * y[r];
            var sv = new Vector<float>(s);
            var offset = (nuint)(r * k);
            var end = VectorEnd(r, k, width);
            var c = 0;
            for (; c < end; c += width)
            {
                var at = offset + (nuint)c;
                Vector.MultiplyAddEstimate(sv, Vector.LoadUnsafe(ref yRef, (nuint)c), Vector.LoadUnsafe(ref aRef, at)).StoreUnsafe(ref aRef, at);
            }
            for (; c <= r; c++)
            {
                _a[r * k + c] += s * y[c];
            }
        }
    }

    /// <summary>
    /// A += Σ_j w_j·y_j y_jᵀ for four rows at once: each row of A is loaded and stored once per four items, which is
    /// what bounds the loop (Hu et al. 2008 eq. 4's Yᵀ(C^u − I)Y, computed row by row).
    /// </summary>
    public void AddOuter4(ReadOnlySpan<float> y0, float w0, ReadOnlySpan<float> y1, float w1, ReadOnlySpan<float> y2, float w2, ReadOnlySpan<float> y3, float w3)
    {
        if (_wide)
        {
            AddOuter4Wide(y0, w0, y1, w1, y2, w2, y3, w3);
            return;
        }
        var k = K;
        var width = Vector<float>.Count;
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var r0 = ref MemoryMarshal.GetReference(y0);
        ref var r1 = ref MemoryMarshal.GetReference(y1);
        ref var r2 = ref MemoryMarshal.GetReference(y2);
        ref var r3 = ref MemoryMarshal.GetReference(y3);
        for (var r = 0; r < k; r++)
        {
            float s0 = w0 * y0[r], s1 = w1 * y1[r], s2 = w2 * y2[r], s3 = w3 * y3[r];
            Vector<float> v0 = new(s0), v1 = new(s1), v2 = new(s2), v3 = new(s3);
            var offset = (nuint)(r * k);
            var end = VectorEnd(r, k, width);
            var c = 0;
            for (; c < end; c += width)
            {
                var at = offset + (nuint)c;
                var uc = (nuint)c;
                var a = Vector.LoadUnsafe(ref aRef, at);
                a = Vector.MultiplyAddEstimate(v0, Vector.LoadUnsafe(ref r0, uc), a);
                a = Vector.MultiplyAddEstimate(v1, Vector.LoadUnsafe(ref r1, uc), a);
                a = Vector.MultiplyAddEstimate(v2, Vector.LoadUnsafe(ref r2, uc), a);
                a = Vector.MultiplyAddEstimate(v3, Vector.LoadUnsafe(ref r3, uc), a);
                a.StoreUnsafe(ref aRef, at);
            }
            for (; c <= r; c++)
            {
                _a[r * k + c] += s0 * y0[c] + s1 * y1[c] + s2 * y2[c] + s3 * y3[c];
            }
        }
    }

    // The same with 512-bit vectors, where the processor has them and k is a multiple of 16 (k = 64: 2.5 vectors per
    // row of the lower triangle instead of 4.5 with 256-bit ones). The portable path above serves everything else.
    private void AddOuter4Wide(ReadOnlySpan<float> y0, float w0, ReadOnlySpan<float> y1, float w1, ReadOnlySpan<float> y2, float w2, ReadOnlySpan<float> y3, float w3)
    {
        var k = K;
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var r0 = ref MemoryMarshal.GetReference(y0);
        ref var r1 = ref MemoryMarshal.GetReference(y1);
        ref var r2 = ref MemoryMarshal.GetReference(y2);
        ref var r3 = ref MemoryMarshal.GetReference(y3);
        for (var r = 0; r < k; r++)
        {
            var v0 = Vector512.Create(w0 * y0[r]);
            var v1 = Vector512.Create(w1 * y1[r]);
            var v2 = Vector512.Create(w2 * y2[r]);
            var v3 = Vector512.Create(w3 * y3[r]);
            var offset = (nuint)(r * k);
            var end = (r + 16) / 16 * 16; // ≤ k because k is a multiple of 16
            for (var c = 0; c < end; c += 16)
            {
                var at = offset + (nuint)c;
                var uc = (nuint)c;
                var a = Vector512.LoadUnsafe(ref aRef, at);
                a = Vector512.MultiplyAddEstimate(v0, Vector512.LoadUnsafe(ref r0, uc), a);
                a = Vector512.MultiplyAddEstimate(v1, Vector512.LoadUnsafe(ref r1, uc), a);
                a = Vector512.MultiplyAddEstimate(v2, Vector512.LoadUnsafe(ref r2, uc), a);
                a = Vector512.MultiplyAddEstimate(v3, Vector512.LoadUnsafe(ref r3, uc), a);
                a.StoreUnsafe(ref aRef, at);
            }
        }
    }

    /// <summary>b += c·y.</summary>
    public void AddRhs(ReadOnlySpan<float> y, float c)
    {
        var k = K;
        var width = Vector<float>.Count;
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var yRef = ref MemoryMarshal.GetReference(y);
        var cv = new Vector<float>(c);
        var i = 0;
        for (; i + width <= k; i += width)
        {
            Vector.MultiplyAddEstimate(cv, Vector.LoadUnsafe(ref yRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i)).StoreUnsafe(ref bRef, (nuint)i);
        }
        for (; i < k; i++)
        {
            _b[i] += c * y[i];
        }
    }

    /// <summary>Solves A x = b by Cholesky (A = LLᵀ, then Lz = b and Lᵀx = z) and writes x.</summary>
    public void Solve(Span<float> x)
    {
        if (!TryCholesky())
        {
            SolveByMathNet(x);
            return;
        }
        var k = K;
        var u = _u;
        var z = _z;
        for (var i = 0; i < k; i++)
        {
            z[i] = _b[i];
        }
        // Lz = b, column by column: L's column m is U's row m, so each step is one contiguous axpy.
        for (var m = 0; m < k; m++)
        {
            z[m] /= u[m * k + m];
            Axpy(-z[m], u.AsSpan(m * k + m + 1, k - m - 1), z.AsSpan(m + 1));
        }
        // Lᵀx = z, row by row: Lᵀ's row i is U's row i.
        for (var i = k - 1; i >= 0; i--)
        {
            var s = z[i] - Dot(u.AsSpan(i * k + i + 1, k - i - 1), z.AsSpan(i + 1, k - i - 1));
            z[i] = s / u[i * k + i];
        }
        for (var i = 0; i < k; i++)
        {
            x[i] = (float)z[i];
        }
    }

    /// <summary>
    /// Right-looking (outer-product) Cholesky in double. Column j of L is kept as row j of U = Lᵀ, so the trailing
    /// update W[i, j+1..i] −= L[i,j]·L[j+1..i, j] is a contiguous SIMD axpy per row: the same k³/6 multiply-adds as the
    /// dot-product form, without a horizontal sum per entry. Reads only A's lower triangle.
    /// </summary>
    private bool TryCholesky()
    {
        var k = K;
        var w = _w;
        var u = _u;
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c <= r; c++)
            {
                w[r * k + c] = _a[r * k + c];
            }
        }
        for (var j = 0; j < k; j++)
        {
            var d = w[j * k + j];
            if (!(d > 0))
            {
                return false;
            }
            d = Math.Sqrt(d);
            var inverse = 1 / d;
            var rowJ = j * k;
            u[rowJ + j] = d;
            for (var i = j + 1; i < k; i++)
            {
                u[rowJ + i] = w[i * k + j] * inverse;
            }
            for (var i = j + 1; i < k; i++)
            {
                Axpy(-u[rowJ + i], u.AsSpan(rowJ + j + 1, i - j), w.AsSpan(i * k + j + 1, i - j));
            }
        }
        return true;
    }

    // y += a·x: 512-bit vectors where the processor has them, then 256-bit, then scalars for the tail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        var i = 0;
        ref var xRef = ref MemoryMarshal.GetReference(x);
        ref var yRef = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            var wide = Vector512.Create(a);
            for (; i + 8 <= n; i += 8)
            {
                Vector512.MultiplyAddEstimate(wide, Vector512.LoadUnsafe(ref xRef, (nuint)i), Vector512.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated && i + 4 <= n)
        {
            var av = Vector256.Create(a);
            for (; i + 4 <= n; i += 4)
            {
                Vector256.MultiplyAddEstimate(av, Vector256.LoadUnsafe(ref xRef, (nuint)i), Vector256.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            y[i] += a * x[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var width = Vector<double>.Count;
        var n = a.Length;
        var i = 0;
        var sum = 0.0;
        if (n >= width)
        {
            ref var aRef = ref MemoryMarshal.GetReference(a);
            ref var bRef = ref MemoryMarshal.GetReference(b);
            var acc = Vector<double>.Zero;
            for (; i + width <= n; i += width)
            {
                acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i), acc);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>
    /// A row whose A is not numerically positive definite (only with tiny λ and degenerate factors): MathNet's SVD
    /// gives the least-squares solution. Rare, so its allocations do not matter.
    /// </summary>
    private void SolveByMathNet(Span<float> x)
    {
        Fallbacks++;
        var k = K;
        var a = LinearAlgebra.Matrix<double>.Build.Dense(k, k, (r, c) => r >= c ? _a[r * k + c] : _a[c * k + r]);
        var b = LinearAlgebra.Vector<double>.Build.Dense(k, i => _b[i]);
        var solution = a.Svd(computeVectors: true).Solve(b);
        for (var i = 0; i < k; i++)
        {
            x[i] = double.IsFinite(solution[i]) ? (float)solution[i] : 0f;
        }
    }

    // Where the SIMD part of row r's lower triangle (columns 0..r) ends: whole vectors, possibly spilling past the
    // diagonal into the upper triangle (never read), but never past the row's end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VectorEnd(int r, int k, int width)
    {
        var end = (r + width) / width * width;
        return end <= k ? end : (k / width) * width;
    }
}
