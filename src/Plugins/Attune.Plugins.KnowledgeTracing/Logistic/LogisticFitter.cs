using Attune.Plugins.KnowledgeTracing.Numerics;

namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>
/// Fits <see cref="LogisticParameters"/> by minimising the mean log loss plus an L2 penalty on per-skill and per-item
/// terms, with L-BFGS. A pure function of its input; the host runs it over the journal (see
/// <see cref="Model.KnowledgeTracingTrainer"/>).
/// </summary>
public static class LogisticFitter
{
    private const int Shared = 9;

    /// <summary>Fits the predictor to <paramref name="attempts"/>.</summary>
    /// <exception cref="ArgumentException">There are no attempts.</exception>
    public static LogisticFit Fit(IReadOnlyList<LogisticAttempt> attempts, LogisticFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            throw new ArgumentException("At least one answer is needed to fit the logistic predictor.", nameof(attempts));
        }
        options ??= new LogisticFitOptions();
        var data = Design.Build(attempts, options);
        var theta = new double[Shared + 3 * data.Skills.Length + data.Items.Length];
        var logits = new double[data.Rows];
        var (_, iterations) = Lbfgs.Minimise((x, gradient) => Objective(data, x, gradient, options.L2, logits), theta, options.MaxIterations);

        var skills = new Dictionary<string, SkillCoefficients>(StringComparer.Ordinal);
        for (var k = 0; k < data.Skills.Length; k++)
        {
            var at = Shared + 3 * k;
            skills[data.Skills[k]] = new SkillCoefficients(theta[at], theta[at + 1], theta[at + 2]);
        }
        var items = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < data.Items.Length; i++)
        {
            items[data.Items[i]] = theta[Shared + 3 * data.Skills.Length + i];
        }
        var parameters = new LogisticParameters
        {
            Bias = theta[0],
            SkillSuccesses = theta[1],
            SkillFailures = theta[2],
            LastOnSkill = theta[3],
            RecentOnSkill = theta[4],
            TotalSuccesses = theta[5],
            TotalFailures = theta[6],
            LastAny = theta[7],
            RecentAny = theta[8],
            Skills = skills,
            Items = items,
        };
        var loss = 0.0;
        foreach (var a in attempts)
        {
            loss += LogLoss(Predict(parameters, a), a.Correct);
        }
        return new LogisticFit(parameters, loss / attempts.Count, attempts.Count, iterations);
    }

    /// <summary>P(correct) for one attempt under <paramref name="p"/>: the same sum the plugin evaluates online.</summary>
    public static double Predict(LogisticParameters p, in LogisticAttempt attempt)
    {
        var z = LogisticPredictor.LearnerTerm(p, attempt.Learner);
        foreach (var s in attempt.Skills)
        {
            z += LogisticPredictor.SkillTerm(p, s.Skill, s.Evidence);
        }
        if (attempt.Item is { } item && p.Items.TryGetValue(item, out var easiness))
        {
            z += easiness;
        }
        return LogisticPredictor.Sigmoid(z);
    }

    private static double LogLoss(double p, bool correct) => -Math.Log(Math.Clamp(correct ? p : 1 - p, 1e-15, 1));

    private static double Objective(Design d, ReadOnlySpan<double> theta, Span<double> gradient, double l2, double[] logits)
    {
        gradient.Clear();
        var skillBase = Shared;
        var itemBase = Shared + 3 * d.Skills.Length;
        var loss = 0.0;
        for (var r = 0; r < d.Rows; r++)
        {
            var z = theta[0] + theta[5] * d.TotalSuccesses[r] + theta[6] * d.TotalFailures[r] + theta[7] * d.LastAny[r] + theta[8] * d.RecentAny[r];
            for (var e = d.RowStart[r]; e < d.RowStart[r + 1]; e++)
            {
                z += theta[1] * d.Successes[e] + theta[2] * d.Failures[e] + theta[3] * d.Last[e] + theta[4] * d.Recent[e];
                if (d.Skill[e] >= 0)
                {
                    var at = skillBase + 3 * d.Skill[e];
                    z += theta[at] + theta[at + 1] * d.Successes[e] + theta[at + 2] * d.Failures[e];
                }
            }
            if (d.Item[r] >= 0)
            {
                z += theta[itemBase + d.Item[r]];
            }
            logits[r] = z;
            // log(1 + e^{−z}) for y = 1, log(1 + e^{z}) for y = 0, computed stably.
            var signed = d.Correct[r] ? -z : z;
            loss += signed > 0 ? signed + Math.Log(1 + Math.Exp(-signed)) : Math.Log(1 + Math.Exp(signed));
        }
        for (var r = 0; r < d.Rows; r++)
        {
            var residual = LogisticPredictor.Sigmoid(logits[r]) - (d.Correct[r] ? 1 : 0);
            gradient[0] += residual;
            gradient[5] += residual * d.TotalSuccesses[r];
            gradient[6] += residual * d.TotalFailures[r];
            gradient[7] += residual * d.LastAny[r];
            gradient[8] += residual * d.RecentAny[r];
            for (var e = d.RowStart[r]; e < d.RowStart[r + 1]; e++)
            {
                gradient[1] += residual * d.Successes[e];
                gradient[2] += residual * d.Failures[e];
                gradient[3] += residual * d.Last[e];
                gradient[4] += residual * d.Recent[e];
                if (d.Skill[e] >= 0)
                {
                    var at = skillBase + 3 * d.Skill[e];
                    gradient[at] += residual;
                    gradient[at + 1] += residual * d.Successes[e];
                    gradient[at + 2] += residual * d.Failures[e];
                }
            }
            if (d.Item[r] >= 0)
            {
                gradient[itemBase + d.Item[r]] += residual;
            }
        }
        var n = (double)d.Rows;
        var penalty = 0.0;
        for (var j = 0; j < gradient.Length; j++)
        {
            gradient[j] /= n;
            if (j >= Shared)
            {
                penalty += 0.5 * l2 * theta[j] * theta[j];
                gradient[j] += l2 * theta[j];
            }
        }
        return loss / n + penalty;
    }

    /// <summary>The attempts as flat arrays (compressed rows of skill entries), built once per fit.</summary>
    private sealed class Design
    {
        public required string[] Skills { get; init; }
        public required string[] Items { get; init; }
        public required int Rows { get; init; }
        public required int[] RowStart { get; init; }
        public required int[] Item { get; init; }
        public required double[] TotalSuccesses { get; init; }
        public required double[] TotalFailures { get; init; }
        public required double[] LastAny { get; init; }
        public required double[] RecentAny { get; init; }
        public required bool[] Correct { get; init; }
        public required int[] Skill { get; init; }
        public required double[] Successes { get; init; }
        public required double[] Failures { get; init; }
        public required double[] Last { get; init; }
        public required double[] Recent { get; init; }

        public static Design Build(IReadOnlyList<LogisticAttempt> attempts, LogisticFitOptions options)
        {
            var skillAnswers = new Dictionary<string, int>(StringComparer.Ordinal);
            var itemAnswers = new Dictionary<string, int>(StringComparer.Ordinal);
            var entries = 0;
            foreach (var a in attempts)
            {
                foreach (var s in a.Skills)
                {
                    skillAnswers[s.Skill] = skillAnswers.GetValueOrDefault(s.Skill) + 1;
                    entries++;
                }
                if (a.Item is { } item)
                {
                    itemAnswers[item] = itemAnswers.GetValueOrDefault(item) + 1;
                }
            }
            // Sorted, so the parameter layout (and so the fit) does not depend on dictionary order.
            var skills = skillAnswers.Where(p => p.Value >= options.MinAnswersPerSkill).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            var items = options.MinAnswersPerItem <= 0
                ? []
                : itemAnswers.Where(p => p.Value >= options.MinAnswersPerItem).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            var skillIndex = skills.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
            var itemIndex = items.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);

            var rows = attempts.Count;
            var d = new Design
            {
                Skills = skills,
                Items = items,
                Rows = rows,
                RowStart = new int[rows + 1],
                Item = new int[rows],
                TotalSuccesses = new double[rows],
                TotalFailures = new double[rows],
                LastAny = new double[rows],
                RecentAny = new double[rows],
                Correct = new bool[rows],
                Skill = new int[entries],
                Successes = new double[entries],
                Failures = new double[entries],
                Last = new double[entries],
                Recent = new double[entries],
            };
            var e = 0;
            for (var r = 0; r < rows; r++)
            {
                var a = attempts[r];
                d.RowStart[r] = e;
                d.Item[r] = a.Item is { } item && itemIndex.TryGetValue(item, out var ii) ? ii : -1;
                d.TotalSuccesses[r] = Math.Log(1 + a.Learner.Successes);
                d.TotalFailures[r] = Math.Log(1 + a.Learner.Failures);
                d.LastAny[r] = a.Learner.Last;
                d.RecentAny[r] = a.Learner.Recent;
                d.Correct[r] = a.Correct;
                foreach (var s in a.Skills)
                {
                    d.Skill[e] = skillIndex.TryGetValue(s.Skill, out var si) ? si : -1;
                    d.Successes[e] = Math.Log(1 + s.Evidence.Successes);
                    d.Failures[e] = Math.Log(1 + s.Evidence.Failures);
                    d.Last[e] = s.Evidence.Last;
                    d.Recent[e] = s.Evidence.Recent;
                    e++;
                }
            }
            d.RowStart[rows] = e;
            return d;
        }
    }
}
