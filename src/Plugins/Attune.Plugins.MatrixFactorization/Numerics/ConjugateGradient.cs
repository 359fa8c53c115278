using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Attune.Plugins.MatrixFactorization.Numerics;

/// <summary>
/// The approximate row solve of Takács, Pilászy &amp; Tikk 2011 (as the <c>implicit</c> library uses it): a few
/// conjugate-gradient steps on (α₀G + Σ_j (c_j − α₀) y_j y_jᵀ + λI) x = Σ_j c_j y_j, warm-started from the row's
/// previous value, never forming the k×k matrix: one product costs k² + 2nk instead of nk² + k³/3. Training may use it
/// for speed; fold-in always solves exactly (the fixed point this approaches).
/// </summary>
internal sealed class ConjugateGradient(int k)
{
    private readonly float[] _r = new float[k];
    private readonly float[] _p = new float[k];
    private readonly float[] _ap = new float[k];

    /// <summary>Improves <paramref name="x"/> in place by <paramref name="steps"/> CG steps.</summary>
    /// <param name="gramian">α₀·G as floats, row-major k×k.</param>
    public void Solve(ReadOnlySpan<int> columns, ReadOnlySpan<float> confidence, ReadOnlySpan<float> other, ReadOnlySpan<float> gramian,
        float unobservedWeight, float ridge, int steps, Span<float> x)
    {
        var r = _r.AsSpan();
        var p = _p.AsSpan();
        var ap = _ap.AsSpan();
        // r = b − A x, with b = Σ_j c_j y_j.
        Multiply(columns, confidence, other, gramian, unobservedWeight, ridge, x, r);
        TensorPrimitives.Negate(r, r);
        for (var j = 0; j < columns.Length; j++)
        {
            AddScaled(Row(other, columns[j], x.Length), confidence[j], r);
        }
        r.CopyTo(p);
        var rr = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < steps && rr > 1e-20f; step++)
        {
            Multiply(columns, confidence, other, gramian, unobservedWeight, ridge, p, ap);
            var pap = TensorPrimitives.Dot(p, ap);
            if (!(pap > 0))
            {
                break;
            }
            var a = rr / pap;
            TensorPrimitives.MultiplyAdd(p, a, x, x);
            TensorPrimitives.MultiplyAdd(ap, -a, r, r);
            var next = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, next / rr, r, p);
            rr = next;
        }
    }

    // result = α₀G v + Σ_j (c_j − α₀)(y_j·v) y_j + λ v. Hand-written SIMD rather than two library calls per item:
    // at k = 64 a row is a few vectors, so call overhead would cost more than the arithmetic.
    private static void Multiply(ReadOnlySpan<int> columns, ReadOnlySpan<float> confidence, ReadOnlySpan<float> other, ReadOnlySpan<float> gramian,
        float unobservedWeight, float ridge, ReadOnlySpan<float> v, Span<float> result)
    {
        var k = v.Length;
        for (var i = 0; i < k; i++)
        {
            result[i] = Dot(gramian.Slice(i * k, k), v) + ridge * v[i];
        }
        for (var j = 0; j < columns.Length; j++)
        {
            var y = Row(other, columns[j], k);
            AddScaled(y, (confidence[j] - unobservedWeight) * Dot(y, v), result);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0f;
        if (Vector512.IsHardwareAccelerated && a.Length >= 16)
        {
            var wide = Vector512<float>.Zero;
            for (; i + 16 <= a.Length; i += 16)
            {
                wide = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref aRef, (nuint)i), Vector512.LoadUnsafe(ref bRef, (nuint)i), wide);
            }
            sum = Vector512.Sum(wide);
        }
        var width = Vector<float>.Count;
        var acc = Vector<float>.Zero;
        for (; i + width <= a.Length; i += width)
        {
            acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i), acc);
        }
        sum += Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ReadOnlySpan<float> y, float s, Span<float> result)
    {
        ref var yRef = ref MemoryMarshal.GetReference(y);
        ref var rRef = ref MemoryMarshal.GetReference(result);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var wide = Vector512.Create(s);
            for (; i + 16 <= y.Length; i += 16)
            {
                Vector512.MultiplyAddEstimate(wide, Vector512.LoadUnsafe(ref yRef, (nuint)i), Vector512.LoadUnsafe(ref rRef, (nuint)i)).StoreUnsafe(ref rRef, (nuint)i);
            }
        }
        var width = Vector<float>.Count;
        var sv = new Vector<float>(s);
        for (; i + width <= y.Length; i += width)
        {
            Vector.MultiplyAddEstimate(sv, Vector.LoadUnsafe(ref yRef, (nuint)i), Vector.LoadUnsafe(ref rRef, (nuint)i)).StoreUnsafe(ref rRef, (nuint)i);
        }
        for (; i < y.Length; i++)
        {
            result[i] += s * y[i];
        }
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> factors, int row, int k) => factors.Slice((int)((long)row * k), k);
}
