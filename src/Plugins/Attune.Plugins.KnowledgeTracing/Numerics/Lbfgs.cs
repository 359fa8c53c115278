namespace Attune.Plugins.KnowledgeTracing.Numerics;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright 2006, algorithm 7.4, two-loop recursion) with a backtracking Armijo line
/// search, for smooth convex objectives such as a regularised logistic loss. Deterministic: no randomness anywhere.
/// </summary>
internal static class Lbfgs
{
    /// <summary>An objective: writes the gradient at x into the last argument and returns the value.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimises from <paramref name="x"/> in place; returns the final value and the iterations taken.</summary>
    public static (double Value, int Iterations) Minimise(Objective f, double[] x, int maxIterations, int memory = 10, double gradientTolerance = 1e-7)
    {
        var n = x.Length;
        var g = new double[n];
        var value = f(x, g);
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        for (var i = 0; i < memory; i++)
        {
            s[i] = new double[n];
            y[i] = new double[n];
        }
        var direction = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var stored = 0;
        var newest = -1;
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            if (Norm(g) <= gradientTolerance * Math.Max(1, Norm(x)))
            {
                break;
            }
            // Two-loop recursion: direction = −H·g.
            Array.Copy(g, direction, n);
            for (var k = 0; k < stored; k++)
            {
                var i = (newest - k + memory) % memory;
                alpha[i] = rho[i] * Dot(s[i], direction);
                Axpy(-alpha[i], y[i], direction);
            }
            if (stored > 0)
            {
                var gamma = Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]);
                Scale(direction, gamma);
            }
            for (var k = stored - 1; k >= 0; k--)
            {
                var i = (newest - k + memory) % memory;
                var beta = rho[i] * Dot(y[i], direction);
                Axpy(alpha[i] - beta, s[i], direction);
            }
            Scale(direction, -1);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                Array.Copy(g, direction, n);
                Scale(direction, -1);
                slope = Dot(g, direction);
                stored = 0;
            }

            var step = stored == 0 ? Math.Min(1, 1 / Math.Max(1e-12, Norm(g))) : 1.0;
            double trialValue;
            var accepted = false;
            for (var backtrack = 0; backtrack < 40; backtrack++)
            {
                for (var j = 0; j < n; j++)
                {
                    trial[j] = x[j] + step * direction[j];
                }
                trialValue = f(trial, trialGradient);
                if (trialValue <= value + 1e-4 * step * slope)
                {
                    accepted = true;
                    newest = (newest + 1) % memory;
                    for (var j = 0; j < n; j++)
                    {
                        s[newest][j] = trial[j] - x[j];
                        y[newest][j] = trialGradient[j] - g[j];
                    }
                    var sy = Dot(s[newest], y[newest]);
                    if (sy > 1e-12)
                    {
                        rho[newest] = 1 / sy;
                        stored = Math.Min(memory, stored + 1);
                    }
                    else
                    {
                        newest = (newest - 1 + memory) % memory; // skip an update that would break positive definiteness
                    }
                    var previous = value;
                    Array.Copy(trial, x, n);
                    Array.Copy(trialGradient, g, n);
                    value = trialValue;
                    if (previous - value <= 1e-12 * Math.Max(1, Math.Abs(value)))
                    {
                        return (value, iteration + 1);
                    }
                    break;
                }
                step *= 0.5;
            }
            if (!accepted)
            {
                break;
            }
        }
        return (value, iteration);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
