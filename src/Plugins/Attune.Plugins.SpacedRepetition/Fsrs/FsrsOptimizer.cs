namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>
/// Fits FSRS weights to one learner's reviews, as the FSRS optimiser does for a collection (minimise the log loss of
/// the forgetting curve's R against recalled/forgotten on every review a day or more after the previous one), but on
/// a few weights, pulled towards the current ones, and kept only when the fit lowers the log loss on the learner's
/// newest reviews, which it never saw. Deterministic (finite differences, no randomness) and bounded in cost.
/// </summary>
public static class FsrsOptimizer
{
    /// <summary>Fits from <paramref name="log"/> (chronological) starting at <paramref name="current"/>.</summary>
    public static FsrsFit Fit(IReadOnlyList<ReviewRecord> log, FsrsParameters current, FsrsFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new FsrsFitOptions();
        var data = Sequences.From(log);
        var days = data.EvaluableDays();
        if (days.Count < options.MinReviews)
        {
            return new FsrsFit(false, current.Weights, double.NaN, double.NaN, 0, 0);
        }
        days.Sort();
        var cutoff = days[Math.Clamp((int)Math.Floor(days.Count * (1 - options.HeldOutFraction)), 1, days.Count - 1)];
        var training = days.Count(d => d < cutoff);
        var heldOut = days.Count - training;
        if (training < options.MinReviews / 2 || heldOut == 0)
        {
            return new FsrsFit(false, current.Weights, double.NaN, double.NaN, training, heldOut);
        }

        var fitted = Optimise(data, current, options, cutoff, training);
        var before = data.LogLoss(new FsrsScheduler(current), cutoff, int.MaxValue);
        var after = data.LogLoss(new FsrsScheduler(current.WithWeights(fitted)), cutoff, int.MaxValue);
        return new FsrsFit(after < before, fitted, before, after, training, heldOut);
    }

    /// <summary>Mean log loss of <paramref name="parameters"/> on every evaluable review of <paramref name="log"/>.</summary>
    public static double LogLoss(IReadOnlyList<ReviewRecord> log, FsrsParameters parameters) =>
        Sequences.From(log).LogLoss(new FsrsScheduler(parameters), int.MinValue, int.MaxValue);

    private static double[] Optimise(Sequences data, FsrsParameters current, FsrsFitOptions options, int cutoff, int training)
    {
        var indices = options.FittedWeights;
        var theta = new double[indices.Count];
        var gradient = new double[indices.Count];
        var trial = new double[indices.Count];
        var penalty = options.Prior / training;
        double Objective(double[] t)
        {
            var loss = data.LogLoss(new FsrsScheduler(current.WithWeights(Weights(current, indices, t))), int.MinValue, cutoff);
            var sum = 0.0;
            foreach (var x in t)
            {
                sum += x * x;
            }
            return loss + penalty * sum;
        }

        var value = Objective(theta);
        var step = 0.5;
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            const double h = 1e-4;
            var norm = 0.0;
            for (var i = 0; i < theta.Length; i++)
            {
                Array.Copy(theta, trial, theta.Length);
                trial[i] += h;
                gradient[i] = (Objective(trial) - value) / h;
                norm += gradient[i] * gradient[i];
            }
            if (norm < 1e-12)
            {
                break;
            }
            var improved = false;
            while (step > 1e-6)
            {
                for (var i = 0; i < theta.Length; i++)
                {
                    trial[i] = theta[i] - step * gradient[i];
                }
                var next = Objective(trial);
                if (next <= value - 1e-4 * step * norm)
                {
                    Array.Copy(trial, theta, theta.Length);
                    value = next;
                    step = Math.Min(8, step * 1.5);
                    improved = true;
                    break;
                }
                step *= 0.5;
            }
            if (!improved)
            {
                break;
            }
        }
        return Weights(current, indices, theta);
    }

    /// <summary>w_i = w₀_i·e^θ_i for the fitted weights (clamped later by <see cref="FsrsParameters"/>), w₀ elsewhere.</summary>
    private static double[] Weights(FsrsParameters current, IReadOnlyList<int> indices, double[] theta)
    {
        var w = current.Weights.ToArray();
        for (var i = 0; i < indices.Count; i++)
        {
            var (min, max) = FsrsParameters.Bounds[indices[i]];
            w[indices[i]] = Math.Clamp(w[indices[i]] * Math.Exp(theta[i]), min, max);
        }
        return w;
    }

    /// <summary>The log grouped into per-item sequences of (day, rating), oldest first, as flat arrays.</summary>
    private sealed class Sequences
    {
        private readonly int[] _start;
        private readonly int[] _day;
        private readonly byte[] _rating;

        private Sequences(int[] start, int[] day, byte[] rating)
        {
            _start = start;
            _day = day;
            _rating = rating;
        }

        public static Sequences From(IReadOnlyList<ReviewRecord> log)
        {
            var byItem = new Dictionary<string, List<ReviewRecord>>(StringComparer.Ordinal);
            foreach (var r in log)
            {
                if (!byItem.TryGetValue(r.Item, out var list))
                {
                    byItem[r.Item] = list = [];
                }
                list.Add(r);
            }
            var start = new int[byItem.Count + 1];
            var day = new int[log.Count];
            var rating = new byte[log.Count];
            var at = 0;
            var s = 0;
            foreach (var item in byItem.Keys.Order(StringComparer.Ordinal))
            {
                start[s++] = at;
                foreach (var r in byItem[item])
                {
                    day[at] = r.Day;
                    rating[at] = (byte)r.Rating;
                    at++;
                }
            }
            start[s] = at;
            return new Sequences(start, day, rating);
        }

        /// <summary>Days of the reviews that are scored: not an item's first, and a day or more after the previous.</summary>
        public List<int> EvaluableDays()
        {
            var days = new List<int>();
            for (var s = 0; s + 1 < _start.Length; s++)
            {
                for (var j = _start[s] + 1; j < _start[s + 1]; j++)
                {
                    if (_day[j] - _day[j - 1] >= 1)
                    {
                        days.Add(_day[j]);
                    }
                }
            }
            return days;
        }

        /// <summary>Mean log loss over evaluable reviews dated in [from, to), replaying every review for memory.</summary>
        public double LogLoss(FsrsScheduler scheduler, int from, int to)
        {
            var sum = 0.0;
            var n = 0;
            for (var s = 0; s + 1 < _start.Length; s++)
            {
                double stability = 0, difficulty = 0;
                for (var j = _start[s]; j < _start[s + 1]; j++)
                {
                    var first = j == _start[s];
                    var elapsed = first ? 0 : _day[j] - _day[j - 1];
                    if (!first && elapsed >= 1 && _day[j] >= from && _day[j] < to)
                    {
                        var r = Math.Clamp(scheduler.ForgettingCurve(elapsed, stability), 1e-6, 1 - 1e-6);
                        sum -= Math.Log(_rating[j] > 1 ? r : 1 - r);
                        n++;
                    }
                    (stability, difficulty) = scheduler.Next(first, stability, difficulty, elapsed, _rating[j]);
                }
            }
            return n == 0 ? 0 : sum / n;
        }
    }
}
