namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// Fits a <see cref="LearningModel"/> from a tenant's journal by expectation–maximisation over the learners' study
/// chains (<see cref="StudyChains"/>): the hidden state is whether the learner knows the skill during a session; between
/// sessions a known skill survives Δ days with (1 − F)^Δ, and each session teaches an unknown skill with its item's own
/// P(T). The E-step is scaled forward–backward (Rabiner 1989); the M-step is closed form for P(L0), guess, slip and each
/// item's P(T), with a one-dimensional search for F. Estimates are shrunk towards what the data says more broadly
/// (an item's rate towards its kind's, a kind's towards all items', a skill's guess, slip and prior towards all skills')
/// by a few pseudo-observations, so an item seen in two sessions is valued mostly like others of its kind, and one seen
/// in two hundred by what it did. Then prerequisites are inferred between skills (see <see cref="InferPrerequisites"/>).
/// </summary>
internal static class LearningModelFitter
{
    private const int MaxIterations = 40;
    private const double ItemPseudoSessions = 3;
    private const double KindPseudoSessions = 5;
    private const double SkillPseudoAnswers = 8;
    private const double SkillPseudoChains = 3;
    private const double ForgetPseudoTransitions = 20;

    public static LearningModelFit Fit(StudyChains chains, IReadOnlyDictionary<string, string> kinds, StudyPlannerOptions options, CancellationToken cancellationToken)
    {
        var keyCount = chains.Keys.Count;
        var itemCount = chains.Items.Count;
        var prior = new double[keyCount];
        var guess = new double[keyCount];
        var slip = new double[keyCount];
        var forget = new double[keyCount];
        var learn = new double[itemCount];
        Array.Fill(prior, options.Prior);
        Array.Fill(guess, options.Guess);
        Array.Fill(slip, options.Slip);
        Array.Fill(forget, options.ForgetPerDay);
        var kindPrior = options.KindLearnRates();
        var kindOf = new string[itemCount];
        for (var j = 0; j < itemCount; j++)
        {
            kindOf[j] = kinds.TryGetValue(chains.Items[j], out var k) ? k.ToLowerInvariant() : "";
            learn[j] = kindPrior.TryGetValue(kindOf[j], out var t) ? t : options.Learn;
        }

        var acc = new Accumulators(keyCount, itemCount);
        var previous = double.NegativeInfinity;
        var iterations = 0;
        var logLikelihood = 0.0;
        Dictionary<string, double> kindLearn = [];
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations = iteration;
            acc.Clear();
            logLikelihood = 0;
            foreach (var chain in chains.All)
            {
                logLikelihood += Expect(chain, prior, guess, slip, forget, learn, acc);
            }
            var converged = iteration > 1 && logLikelihood - previous <= 1e-6 * Math.Abs(logLikelihood);
            previous = logLikelihood;
            kindLearn = Maximise(acc, kindOf, options, prior, guess, slip, forget, learn);
            if (converged)
            {
                break;
            }
        }
        // One more E-step under the final parameters leaves each step's posteriors for the prerequisite inference.
        acc.Clear();
        foreach (var chain in chains.All)
        {
            Expect(chain, prior, guess, slip, forget, learn, acc);
        }

        var skills = new Dictionary<string, SkillParameters>(StringComparer.Ordinal);
        for (var k = 0; k < keyCount; k++)
        {
            skills[chains.Keys[k]] = new SkillParameters(prior[k], guess[k], slip[k], forget[k], Math.Round(acc.AnswerWeight[k], 3));
        }
        var sessions = new double[itemCount];
        var answers = new double[itemCount];
        foreach (var chain in chains.All)
        {
            foreach (var step in chain.Steps)
            {
                sessions[step.Item]++;
                answers[step.Item] += step.Answers.Count;
            }
        }
        var items = new Dictionary<string, ItemEffect>(StringComparer.Ordinal);
        for (var j = 0; j < itemCount; j++)
        {
            items[chains.Items[j]] = new ItemEffect(learn[j], Math.Round(acc.PreUnknown[j], 3), chains.ItemLearners[j].Count,
                sessions[j] > 0 ? Math.Round(answers[j] / sessions[j], 3) : 0);
        }
        var pooled = Pooled(acc, options);
        var model = new LearningModel(
            new SkillParameters(pooled.Prior, pooled.Guess, pooled.Slip, pooled.Forget),
            kindLearn.GetValueOrDefault("*", options.Learn),
            skills, items, kindLearn.Where(p => p.Key != "*").ToDictionary(p => p.Key, p => p.Value), InferPrerequisites(chains, skills, learn));
        return new LearningModelFit(model, iterations, chains.Answers == 0 ? 0 : logLikelihood / chains.Answers);
    }

    /// <summary>Scaled forward–backward over one chain; adds its expected counts and returns its log-likelihood.</summary>
    private static double Expect(StudyChains.Chain chain, double[] prior, double[] guess, double[] slip, double[] forget, double[] learn, Accumulators acc)
    {
        var steps = chain.Steps;
        var n = steps.Count;
        var k = chain.Key;
        var p = new SkillParameters(prior[k], guess[k], slip[k], forget[k]);
        Span<double> a0 = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> a1 = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> scale = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> e0 = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> e1 = n <= 256 ? stackalloc double[n] : new double[n];
        for (var s = 0; s < n; s++)
        {
            double known = 1, unknown = 1;
            foreach (var y in steps[s].Answers)
            {
                known *= StudyTracer.EmitKnown(y, p);
                unknown *= StudyTracer.EmitUnknown(y, p);
            }
            e1[s] = known;
            e0[s] = unknown;
        }

        var ll = 0.0;
        var f1 = p.Prior * e1[0];
        var f0 = (1 - p.Prior) * e0[0];
        var c = Math.Max(f0 + f1, 1e-300);
        (a0[0], a1[0], scale[0]) = (f0 / c, f1 / c, c);
        ll += Math.Log(c);
        for (var s = 1; s < n; s++)
        {
            var (a11, a10, a01, a00) = Transition(steps[s].Days, p.ForgetPerDay, learn[steps[s - 1].Item]);
            f1 = (a1[s - 1] * a11 + a0[s - 1] * a01) * e1[s];
            f0 = (a1[s - 1] * a10 + a0[s - 1] * a00) * e0[s];
            c = Math.Max(f0 + f1, 1e-300);
            (a0[s], a1[s], scale[s]) = (f0 / c, f1 / c, c);
            ll += Math.Log(c);
        }

        double b0 = 1, b1 = 1;
        for (var s = n - 1; s >= 0; s--)
        {
            var g1 = a1[s] * b1;
            var g0 = a0[s] * b0;
            var norm = g0 + g1;
            (g0, g1) = (g0 / norm, g1 / norm);
            var step = steps[s];
            step.Filtered = a1[s];
            foreach (var y in step.Answers)
            {
                acc.Unknown[k] += g0;
                acc.Guessed[k] += g0 * y;
                acc.Known[k] += g1;
                acc.Slipped[k] += g1 * (1 - y);
                acc.AnswerWeight[k] += 1;
            }
            if (s == 0)
            {
                // What a learner knew before any study shows only where the first session on the skill opened with answers:
                // after unanswered study, knowing before and learning in it are one and the same to the data.
                if (step.Answers.Count > 0)
                {
                    acc.PriorKnown[k] += g1;
                    acc.Chains[k] += 1;
                }
            }
            else
            {
                // The learning of the previous session shows in this one's answers.
                var previous = steps[s - 1];
                var t = learn[previous.Item];
                var (a11, a10, a01, a00) = Transition(step.Days, p.ForgetPerDay, t);
                var w1 = e1[s] * b1 / scale[s];
                var w0 = e0[s] * b0 / scale[s];
                var x11 = a1[s - 1] * a11 * w1;
                var x10 = a1[s - 1] * a10 * w0;
                var x01 = a0[s - 1] * a01 * w1;
                var x00 = a0[s - 1] * a00 * w0;
                var phi = 1 - Survive(step.Days, p.ForgetPerDay);
                // Unknown, then unknown again: learned and forgotten, or never learned.
                var learnedThenForgot = phi > 0 ? t * phi / (t * phi + 1 - t) : 0;
                previous.PreUnknown = x00 + x01;
                previous.Learned = x01 + x00 * learnedThenForgot;
                acc.PreUnknown[previous.Item] += previous.PreUnknown;
                acc.Learned[previous.Item] += previous.Learned;
                if (step.Days > 0)
                {
                    acc.Forgetting.Add((k, x11 + x01, x10 + x00 * learnedThenForgot, step.Days));
                }
                (b1, b0) = (a11 * w1 + a10 * w0, a01 * w1 + a00 * w0);
            }
        }
        return ll;
    }

    private static double Survive(double days, double forgetPerDay) => days <= 0 || forgetPerDay <= 0 ? 1 : Math.Pow(1 - forgetPerDay, days);

    /// <summary>
    /// From one session to the next after <paramref name="days"/>: an unknown skill is learned at the end of the first
    /// with P(T), then a known one survives with (1 − F)^days.
    /// </summary>
    private static (double A11, double A10, double A01, double A00) Transition(double days, double forgetPerDay, double t)
    {
        var survive = Survive(days, forgetPerDay);
        return (survive, 1 - survive, t * survive, 1 - t * survive);
    }

    private static (double Prior, double Guess, double Slip, double Forget) Pooled(Accumulators acc, StudyPlannerOptions options)
    {
        double pk = 0, chains = 0, unknown = 0, guessed = 0, known = 0, slipped = 0;
        for (var k = 0; k < acc.Chains.Length; k++)
        {
            pk += acc.PriorKnown[k];
            chains += acc.Chains[k];
            unknown += acc.Unknown[k];
            guessed += acc.Guessed[k];
            known += acc.Known[k];
            slipped += acc.Slipped[k];
        }
        return (
            Clamp((pk + SkillPseudoChains * options.Prior) / (chains + SkillPseudoChains), 0.001, 0.99),
            Clamp((guessed + SkillPseudoAnswers * options.Guess) / (unknown + SkillPseudoAnswers), 0.01, 0.45),
            Clamp((slipped + SkillPseudoAnswers * options.Slip) / (known + SkillPseudoAnswers), 0.01, 0.45),
            FitForget(acc.Forgetting, -1, options.ForgetPerDay));
    }

    private static Dictionary<string, double> Maximise(Accumulators acc, string[] kindOf, StudyPlannerOptions options,
        double[] prior, double[] guess, double[] slip, double[] forget, double[] learn)
    {
        var pooled = Pooled(acc, options);
        for (var k = 0; k < prior.Length; k++)
        {
            prior[k] = Clamp((acc.PriorKnown[k] + SkillPseudoChains * pooled.Prior) / (acc.Chains[k] + SkillPseudoChains), 0.001, 0.99);
            guess[k] = Clamp((acc.Guessed[k] + SkillPseudoAnswers * pooled.Guess) / (acc.Unknown[k] + SkillPseudoAnswers), 0.01, 0.45);
            slip[k] = Clamp((acc.Slipped[k] + SkillPseudoAnswers * pooled.Slip) / (acc.Known[k] + SkillPseudoAnswers), 0.01, 0.45);
            var own = FitForget(acc.Forgetting, k, pooled.Forget, out var weight);
            forget[k] = (weight * own + ForgetPseudoTransitions * pooled.Forget) / (weight + ForgetPseudoTransitions);
        }

        // Items towards their kind, kinds towards all items ("*").
        double allLearned = 0, allPre = 0;
        var byKind = new Dictionary<string, (double Learned, double Pre)>(StringComparer.Ordinal);
        for (var j = 0; j < learn.Length; j++)
        {
            allLearned += acc.Learned[j];
            allPre += acc.PreUnknown[j];
            var sum = byKind.GetValueOrDefault(kindOf[j]);
            byKind[kindOf[j]] = (sum.Learned + acc.Learned[j], sum.Pre + acc.PreUnknown[j]);
        }
        var kinds = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["*"] = Clamp((allLearned + KindPseudoSessions * options.Learn) / (allPre + KindPseudoSessions), 0.005, 0.95),
        };
        foreach (var (kind, sum) in byKind)
        {
            if (kind.Length > 0)
            {
                kinds[kind] = Clamp((sum.Learned + KindPseudoSessions * kinds["*"]) / (sum.Pre + KindPseudoSessions), 0.005, 0.95);
            }
        }
        for (var j = 0; j < learn.Length; j++)
        {
            var kindRate = kinds.TryGetValue(kindOf[j], out var r) ? r : kinds["*"];
            learn[j] = Clamp((acc.Learned[j] + ItemPseudoSessions * kindRate) / (acc.PreUnknown[j] + ItemPseudoSessions), 0.005, 0.95);
        }
        return kinds;
    }

    private static double FitForget(List<(int Key, double Keep, double Forgot, double Days)> transitions, int key, double fallback) =>
        FitForget(transitions, key, fallback, out _);

    /// <summary>
    /// F maximising Σ keep·Δ·ln(1 − F) + forgot·ln(1 − (1 − F)^Δ) over the transitions of <paramref name="key"/> (all when
    /// −1): concave in ln(1 − F), so a golden-section search on [0, 0.5] finds it.
    /// </summary>
    private static double FitForget(List<(int Key, double Keep, double Forgot, double Days)> transitions, int key, double fallback, out double weight)
    {
        weight = 0;
        double forgotTotal = 0;
        foreach (var t in transitions)
        {
            if (key < 0 || t.Key == key)
            {
                weight += t.Keep + t.Forgot;
                forgotTotal += t.Forgot;
            }
        }
        if (weight < 1e-9)
        {
            return fallback;
        }
        if (forgotTotal < 1e-9)
        {
            return 0;
        }
        double Objective(double f)
        {
            var sum = 0.0;
            var logKeep = Math.Log(1 - f);
            foreach (var t in transitions)
            {
                if (key < 0 || t.Key == key)
                {
                    sum += t.Keep * t.Days * logKeep + t.Forgot * Math.Log(Math.Max(1e-300, 1 - Math.Pow(1 - f, t.Days)));
                }
            }
            return sum;
        }
        double lo = 1e-6, hi = 0.5;
        var golden = (Math.Sqrt(5) - 1) / 2;
        var x1 = hi - golden * (hi - lo);
        var x2 = lo + golden * (hi - lo);
        double v1 = Objective(x1), v2 = Objective(x2);
        for (var i = 0; i < 60 && hi - lo > 1e-6; i++)
        {
            if (v1 < v2)
            {
                lo = x1;
                (x1, v1) = (x2, v2);
                x2 = lo + golden * (hi - lo);
                v2 = Objective(x2);
            }
            else
            {
                hi = x2;
                (x2, v2) = (x1, v1);
                x1 = hi - golden * (hi - lo);
                v1 = Objective(x1);
            }
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// For each skill s and each other skill p, splits what sessions on s taught by whether the learner knew p at the time
    /// (P(L_p) filtered up to then, forgotten since): P(T | p known) against P(T | p unknown). When sessions of learners
    /// not knowing p taught less than two thirds as much (filtered beliefs blur a hard gate), with at least 8 expected sessions on each side and a difference of at
    /// least 0.05, p is inferred to be a prerequisite of s. At most two per skill, strongest first, and none that would
    /// close a cycle. Cost: O(skills² · sessions), bounded by looking only at the 30 skills most often met by the same learners.
    /// </summary>
    internal static IReadOnlyList<InferredPrerequisite> InferPrerequisites(StudyChains chains, IReadOnlyDictionary<string, SkillParameters> skills, double[] learn)
    {
        const double MinSessions = 8;
        const double MaxRatio = 0.65;
        const int Candidates = 30;
        var byLearnerKey = new Dictionary<(int Learner, int Key), StudyChains.Chain>();
        var learnersOfKey = new Dictionary<int, HashSet<int>>();
        foreach (var chain in chains.All)
        {
            byLearnerKey[(chain.Learner, chain.Key)] = chain;
            if (!learnersOfKey.TryGetValue(chain.Key, out var set))
            {
                learnersOfKey[chain.Key] = set = [];
            }
            set.Add(chain.Learner);
        }
        var found = new List<InferredPrerequisite>();
        for (var s = 0; s < chains.Keys.Count; s++)
        {
            if (StudyTracer.IsItemKey(chains.Keys[s]) || !learnersOfKey.TryGetValue(s, out var learnersOfS))
            {
                continue;
            }
            var candidates = learnersOfKey
                .Where(p => p.Key != s && !StudyTracer.IsItemKey(chains.Keys[p.Key]))
                .Select(p => (Key: p.Key, Shared: p.Value.Count(learnersOfS.Contains)))
                .Where(p => p.Shared > 0)
                .OrderByDescending(p => p.Shared).ThenBy(p => p.Key)
                .Take(Candidates)
                .Select(p => p.Key);
            var best = new List<InferredPrerequisite>();
            foreach (var p in candidates)
            {
                var pParams = skills[chains.Keys[p]];
                double knownPre = 0, knownLearned = 0, unknownPre = 0, unknownLearned = 0;
                foreach (var learner in learnersOfS)
                {
                    var sChain = byLearnerKey[(learner, s)];
                    byLearnerKey.TryGetValue((learner, p), out var pChain);
                    foreach (var step in sChain.Steps)
                    {
                        var w = KnownAt(pChain, step.Ticks, pParams, learn);
                        knownPre += w * step.PreUnknown;
                        knownLearned += w * step.Learned;
                        unknownPre += (1 - w) * step.PreUnknown;
                        unknownLearned += (1 - w) * step.Learned;
                    }
                }
                if (knownPre < MinSessions || unknownPre < MinSessions)
                {
                    continue;
                }
                var whenKnown = knownLearned / knownPre;
                var whenUnknown = unknownLearned / unknownPre;
                if (whenUnknown < MaxRatio * whenKnown && whenKnown - whenUnknown >= 0.05)
                {
                    best.Add(new InferredPrerequisite(chains.Keys[s], chains.Keys[p], Math.Round(whenKnown, 4), Math.Round(whenUnknown, 4),
                        Math.Round(knownPre, 1), Math.Round(unknownPre, 1)));
                }
            }
            found.AddRange(best.OrderByDescending(b => b.LearnWhenKnown - b.LearnWhenUnknown).Take(2));
        }
        // Strongest first; an edge that would close a cycle is left out (the weaker direction of a mutual pair, too).
        var accepted = new List<InferredPrerequisite>();
        foreach (var edge in found.OrderByDescending(b => b.LearnWhenKnown - b.LearnWhenUnknown).ThenBy(b => b.Skill, StringComparer.Ordinal))
        {
            if (!Reaches(accepted, edge.Requires, edge.Skill))
            {
                accepted.Add(edge);
            }
        }
        return accepted;
    }

    /// <summary>Whether <paramref name="from"/> rests, through <paramref name="edges"/>, on <paramref name="to"/>.</summary>
    private static bool Reaches(List<InferredPrerequisite> edges, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node == to)
            {
                return true;
            }
            if (seen.Add(node))
            {
                foreach (var e in edges)
                {
                    if (e.Skill == node)
                    {
                        stack.Push(e.Requires);
                    }
                }
            }
        }
        return false;
    }

    /// <summary>P(L_p) at <paramref name="ticks"/>: filtered up to the learner's last session on p before then, with that session's learning, forgotten since; the prior if none.</summary>
    private static double KnownAt(StudyChains.Chain? chain, long ticks, SkillParameters p, double[] learn)
    {
        if (chain is null)
        {
            return p.Prior;
        }
        StudyChains.Step? last = null;
        foreach (var step in chain.Steps)
        {
            if (step.Ticks >= ticks)
            {
                break;
            }
            last = step;
        }
        return last is null
            ? p.Prior
            : StudyTracer.Decay(last.Filtered + (1 - last.Filtered) * learn[last.Item], StudyTracer.Days(ticks - last.Ticks), p.ForgetPerDay);
    }

    private static double Clamp(double x, double lo, double hi) => double.IsFinite(x) ? Math.Clamp(x, lo, hi) : lo;

    private sealed class Accumulators(int keys, int items)
    {
        public double[] PriorKnown { get; } = new double[keys];
        public double[] Chains { get; } = new double[keys];
        public double[] Unknown { get; } = new double[keys];
        public double[] Guessed { get; } = new double[keys];
        public double[] Known { get; } = new double[keys];
        public double[] Slipped { get; } = new double[keys];
        public double[] AnswerWeight { get; } = new double[keys];
        public double[] PreUnknown { get; } = new double[items];
        public double[] Learned { get; } = new double[items];
        public List<(int Key, double Keep, double Forgot, double Days)> Forgetting { get; } = [];

        public void Clear()
        {
            foreach (var a in new[] { PriorKnown, Chains, Unknown, Guessed, Known, Slipped, AnswerWeight, PreUnknown, Learned })
            {
                Array.Clear(a);
            }
            Forgetting.Clear();
        }
    }
}
