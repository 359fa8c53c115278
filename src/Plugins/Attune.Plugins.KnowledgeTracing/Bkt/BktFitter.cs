namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>
/// Fits one skill's <see cref="BktParameters"/> by expectation–maximisation (Baum–Welch) over learners' sequences of
/// opportunities on that skill. A pure function of its input: the host runs it over the journal (see
/// <see cref="Model.KnowledgeTracingTrainer"/>); the plugin itself never fits.
/// </summary>
/// <remarks>
/// <para>The hidden state at opportunity j is L_j (known or not, before that opportunity's learning step). Between j
/// and j+1 the skill is learned with P(T), then survives Δ forgetting periods with (1 − F)^Δ, so
/// P(L_{j+1}|L_j) = (1−F)^Δ and P(L_{j+1}|¬L_j) = T(1−F)^Δ — the model of <see cref="BayesianKnowledgeTracing"/>.
/// The E-step is the scaled forward–backward algorithm (Rabiner 1989, eqs. 92–95). The M-step is exact EM with the
/// state after learning as an extra latent variable: given (¬L_j, ¬L_{j+1}) the skill was learned and forgotten
/// with probability Tφ / (Tφ + 1 − T), φ = 1 − (1−F)^Δ. That gives T, G, S and P(L0) in closed form; F maximises
/// Σ keep·Δ·ln(1−F) + forgot·ln(1 − (1−F)^Δ), concave in u = −ln(1−F), solved by safeguarded Newton (closed form
/// when every Δ is equal).</para>
/// <para>After each M-step the parameters are clamped (<see cref="BktParameters.Clamped"/>): guess and slip at most
/// 0.45 each, so guess &lt; 1 − slip always holds and the fit can never produce a degenerate model.</para>
/// </remarks>
public static class BktFitter
{
    /// <summary>Fits one skill from learners' sequences (each in time order).</summary>
    /// <param name="sequences">One array per learner: that learner's opportunities on the skill, oldest first.</param>
    /// <param name="options">Search settings; defaults when <c>null</c>.</param>
    /// <exception cref="ArgumentException">No sequence has an answer.</exception>
    public static BktFit Fit(IReadOnlyList<BktObservation[]> sequences, BktFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        options ??= new BktFitOptions();
        var answers = 0;
        var longest = 0;
        var transitions = 0;
        foreach (var s in sequences)
        {
            longest = Math.Max(longest, s.Length);
            transitions += Math.Max(0, s.Length - 1);
            foreach (var o in s)
            {
                answers += o.Correct.HasValue ? 1 : 0;
            }
        }
        if (answers == 0)
        {
            throw new ArgumentException("At least one opportunity must have an answer to fit BKT.", nameof(sequences));
        }
        var work = new Workspace(longest, transitions);
        BktFit? best = null;
        foreach (var start in options.Starts)
        {
            var fit = RunEm(sequences, options.FitForgetting ? start.Clamped() : start.Clamped() with { Forget = 0 }, options, work, answers);
            if (best is null || fit.LogLikelihood > best.LogLikelihood + 1e-9)
            {
                best = fit;
            }
        }
        return best!;
    }

    /// <summary>The log-likelihood of the answers in <paramref name="sequences"/> under <paramref name="p"/>.</summary>
    public static double LogLikelihood(IReadOnlyList<BktObservation[]> sequences, BktParameters p)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var ll = 0.0;
        foreach (var s in sequences)
        {
            var mastery = p.Prior;
            for (var j = 0; j < s.Length; j++)
            {
                var before = j == 0 ? mastery : BayesianKnowledgeTracing.Forget(mastery, s[j].Periods, p);
                if (s[j].Correct is { } c)
                {
                    var pc = BayesianKnowledgeTracing.PredictCorrect(before, p);
                    ll += Math.Log(Math.Max(1e-300, c ? pc : 1 - pc));
                }
                mastery = BayesianKnowledgeTracing.Learn(
                    s[j].Correct is { } answer ? BayesianKnowledgeTracing.Posterior(before, answer, p) : before, p);
            }
        }
        return ll;
    }

    private static BktFit RunEm(IReadOnlyList<BktObservation[]> sequences, BktParameters start, BktFitOptions options, Workspace work, int answers)
    {
        var p = start;
        var previous = double.NegativeInfinity;
        var iterations = 0;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            iterations = iteration;
            var totals = new Totals();
            work.TransitionCount = 0;
            var ll = 0.0;
            foreach (var s in sequences)
            {
                if (s.Length > 0)
                {
                    ll += Expect(s, p, work, ref totals);
                }
            }
            if (iteration > 1 && ll - previous <= options.RelativeTolerance * Math.Abs(ll))
            {
                previous = ll;
                break;
            }
            previous = ll;
            p = Maximise(totals, p, options, work);
        }
        return new BktFit(p, LogLikelihood(sequences, p), answers, iterations);
    }

    /// <summary>Scaled forward–backward over one sequence; adds its expected counts to <paramref name="totals"/>.</summary>
    private static double Expect(BktObservation[] s, BktParameters p, Workspace work, ref Totals totals)
    {
        var n = s.Length;
        var alpha0 = work.Alpha0;
        var alpha1 = work.Alpha1;
        var scale = work.Scale;
        var ll = 0.0;

        // Forward: α̂_j = normalised P(L_j, y_1..y_j).
        var a1 = p.Prior * Emit(true, s[0].Correct, p);
        var a0 = (1 - p.Prior) * Emit(false, s[0].Correct, p);
        var c = a0 + a1;
        alpha0[0] = a0 / c;
        alpha1[0] = a1 / c;
        scale[0] = c;
        ll += Math.Log(c);
        for (var j = 1; j < n; j++)
        {
            var stay = Survive(s[j].Periods, p);
            var e1 = Emit(true, s[j].Correct, p);
            var e0 = Emit(false, s[j].Correct, p);
            var b1 = (alpha1[j - 1] * stay + alpha0[j - 1] * p.Learn * stay) * e1;
            var b0 = (alpha1[j - 1] * (1 - stay) + alpha0[j - 1] * (1 - p.Learn * stay)) * e0;
            c = b0 + b1;
            alpha0[j] = b0 / c;
            alpha1[j] = b1 / c;
            scale[j] = c;
            ll += Math.Log(c);
        }

        // Backward, accumulating as we go: β̂_j(a) = Σ_b A(a,b) e_{j+1}(b) β̂_{j+1}(b) / c_{j+1}.
        double beta0 = 1, beta1 = 1;
        AddAnswer(s[n - 1].Correct, alpha0[n - 1], alpha1[n - 1], ref totals);
        for (var j = n - 2; j >= 0; j--)
        {
            var periods = s[j + 1].Periods;
            var stay = Survive(periods, p);
            var e1 = Emit(true, s[j + 1].Correct, p) * beta1 / scale[j + 1];
            var e0 = Emit(false, s[j + 1].Correct, p) * beta0 / scale[j + 1];
            var x11 = alpha1[j] * stay * e1;
            var x10 = alpha1[j] * (1 - stay) * e0;
            var x01 = alpha0[j] * p.Learn * stay * e1;
            var x00 = alpha0[j] * (1 - p.Learn * stay) * e0;
            var nb1 = stay * e1 + (1 - stay) * e0;
            var nb0 = p.Learn * stay * e1 + (1 - p.Learn * stay) * e0;
            beta1 = nb1;
            beta0 = nb0;
            var g0 = alpha0[j] * beta0;
            var g1 = alpha1[j] * beta1;
            var norm = g0 + g1; // 1 up to rounding
            g0 /= norm;
            g1 /= norm;
            AddAnswer(s[j].Correct, g0, g1, ref totals);

            var phi = 1 - stay;
            var learnedThenForgot = phi > 0 ? p.Learn * phi / (p.Learn * phi + 1 - p.Learn) : 0;
            totals.FromUnknown += g0;
            totals.Learned += x01 + x00 * learnedThenForgot;
            if (periods > 0)
            {
                var t = work.TransitionCount++;
                work.Keep[t] = x11 + x01;
                work.Forgot[t] = x10 + x00 * learnedThenForgot;
                work.Periods[t] = periods;
            }
            if (j == 0)
            {
                totals.PriorKnown += g1;
            }
        }
        if (n == 1)
        {
            totals.PriorKnown += alpha1[0];
        }
        totals.Sequences++;
        return ll;
    }

    private static void AddAnswer(bool? correct, double unknown, double known, ref Totals totals)
    {
        if (correct is not { } c)
        {
            return;
        }
        totals.Unknown += unknown;
        totals.Known += known;
        totals.GuessedRight += c ? unknown : 0;
        totals.Slipped += c ? 0 : known;
    }

    private static BktParameters Maximise(in Totals totals, BktParameters p, BktFitOptions options, Workspace work)
    {
        var prior = totals.PriorKnown / Math.Max(1, totals.Sequences);
        var learn = totals.FromUnknown > 0 ? totals.Learned / totals.FromUnknown : p.Learn;
        var guess = totals.Unknown > 0 ? totals.GuessedRight / totals.Unknown : p.Guess;
        var slip = totals.Known > 0 ? totals.Slipped / totals.Known : p.Slip;
        var forget = options.FitForgetting ? FitForget(work, p.Forget) : 0;
        return new BktParameters(prior, learn, forget, guess, slip).Clamped();
    }

    /// <summary>Maximises Σ keep·Δ·ln(1−F) + forgot·ln(1 − (1−F)^Δ) over F, in u = −ln(1−F) where it is concave.</summary>
    private static double FitForget(Workspace work, double current)
    {
        var n = work.TransitionCount;
        double keepWeighted = 0, forgotTotal = 0, keepTotal = 0;
        var first = n > 0 ? work.Periods[0] : 0;
        var allEqual = true;
        for (var t = 0; t < n; t++)
        {
            keepWeighted += work.Keep[t] * work.Periods[t];
            keepTotal += work.Keep[t];
            forgotTotal += work.Forgot[t];
            allEqual &= work.Periods[t] == first;
        }
        if (forgotTotal <= 1e-12)
        {
            return 0;
        }
        if (keepWeighted <= 1e-12)
        {
            return 0.5;
        }
        if (allEqual)
        {
            // (1 − F)^Δ = keep / (keep + forgot): the closed form for a constant gap.
            return 1 - Math.Pow(keepTotal / (keepTotal + forgotTotal), 1 / first);
        }
        // h'(u) = −Σ keep·Δ + Σ forgot·Δ / (e^{uΔ} − 1): decreasing from +∞ to −Σ keep·Δ, one root.
        double lo = 1e-12, hi = 20;
        var u = Math.Clamp(-Math.Log(1 - Math.Clamp(current, 1e-6, 0.5)), lo, hi);
        for (var iteration = 0; iteration < 60; iteration++)
        {
            double slope = -keepWeighted, curvature = 0;
            for (var t = 0; t < n; t++)
            {
                var d = work.Periods[t];
                var em1 = Math.Exp(u * d) - 1;
                slope += work.Forgot[t] * d / em1;
                curvature -= work.Forgot[t] * d * d * (em1 + 1) / (em1 * em1);
            }
            if (slope > 0)
            {
                lo = u;
            }
            else
            {
                hi = u;
            }
            var next = u - slope / curvature;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }
            if (Math.Abs(next - u) <= 1e-10 * u)
            {
                u = next;
                break;
            }
            u = next;
        }
        return 1 - Math.Exp(-u);
    }

    private static double Survive(double periods, in BktParameters p) =>
        periods <= 0 || p.Forget <= 0 ? 1 : Math.Pow(1 - p.Forget, periods);

    private static double Emit(bool known, bool? correct, in BktParameters p) => correct switch
    {
        null => 1,
        true => known ? 1 - p.Slip : p.Guess,
        false => known ? p.Slip : 1 - p.Guess,
    };

    private struct Totals
    {
        public double PriorKnown;
        public int Sequences;
        public double Unknown;
        public double Known;
        public double GuessedRight;
        public double Slipped;
        public double FromUnknown;
        public double Learned;
    }

    /// <summary>Buffers reused across iterations and starts: the E-step allocates nothing.</summary>
    private sealed class Workspace(int longest, int transitions)
    {
        public double[] Alpha0 { get; } = new double[Math.Max(1, longest)];
        public double[] Alpha1 { get; } = new double[Math.Max(1, longest)];
        public double[] Scale { get; } = new double[Math.Max(1, longest)];
        public double[] Keep { get; } = new double[Math.Max(1, transitions)];
        public double[] Forgot { get; } = new double[Math.Max(1, transitions)];
        public double[] Periods { get; } = new double[Math.Max(1, transitions)];
        public int TransitionCount { get; set; }
    }
}
