using Attune.Plugins.MatrixFactorization.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Attune.Plugins.MatrixFactorization.Tests.Numerics;

public sealed class NormalEquationsTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    public void CholeskySolveMatchesMathNet(int k)
    {
        var random = new Random(k);
        var rows = Enumerable.Range(0, 3 * k).Select(_ => Enumerable.Range(0, k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
        var weights = rows.Select(_ => (float)(0.5 + random.NextDouble())).ToArray();
        var equations = new NormalEquations(k);
        equations.Reset(new float[k * k], 0.1);
        var i = 0;
        for (; i + 4 <= rows.Length; i += 4)
        {
            equations.AddOuter4(rows[i], weights[i], rows[i + 1], weights[i + 1], rows[i + 2], weights[i + 2], rows[i + 3], weights[i + 3]);
        }
        for (; i < rows.Length; i++)
        {
            equations.AddOuter(rows[i], weights[i]);
        }
        foreach (var (row, w) in rows.Zip(weights))
        {
            equations.AddRhs(row, w);
        }
        var x = new float[k];
        equations.Solve(x);

        var a = Matrix<double>.Build.DenseIdentity(k) * 0.1;
        var b = Vector<double>.Build.Dense(k);
        foreach (var (row, w) in rows.Zip(weights))
        {
            var y = Vector<double>.Build.Dense(row.Select(v => (double)v).ToArray());
            a += w * y.OuterProduct(y);
            b += w * y;
        }
        var expected = a.Cholesky().Solve(b);
        for (var f = 0; f < k; f++)
        {
            Assert.True(Math.Abs(expected[f] - x[f]) < 1e-3 * (1 + Math.Abs(expected[f])), $"x[{f}] = {x[f]}, MathNet {expected[f]}");
        }
        Assert.Equal(0, equations.Fallbacks);
    }

    [Fact]
    public void GramianDoesNotDependOnTheCoreCount()
    {
        var random = new Random(2);
        var factors = Enumerable.Range(0, 5000 * 16).Select(_ => (float)random.NextDouble()).ToArray();
        Assert.Equal(Gramian.Compute(factors, 5000, 16, maxThreads: 1), Gramian.Compute(factors, 5000, 16, maxThreads: 2));
    }
}
