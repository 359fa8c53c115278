namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// A simulated learner whose knowledge follows hidden rules that are deliberately <em>not</em> the plugins' models
/// (not BKT's two states, not FSRS's power curve), so a strategy cannot win by describing the simulator to itself:
/// <list type="bullet">
/// <item><b>logistic learning</b>: knowledge x ∈ (0, 1) moves in log-odds, z ← logit(x) + η·ability·gate, with
/// η = 1.8 for a lesson, 1.0 for a practice set, 0.4 per skill for a unit test — diminishing returns near mastery;</item>
/// <item><b>prerequisite gating</b>: gate = Π over prerequisites of σ(10·(x_pre − 0.5)): material built on what the
/// learner does not know teaches little;</item>
/// <item><b>exponential forgetting to a floor</b>: x(t) = peak·(ρ + (1 − ρ)·e^(−Δt/τ)), ρ = 0.35 (0.6 in the gentle world);</item>
/// <item><b>spacing effect</b>: each study multiplies τ by 1 + 1.5·(1 − e^(−Δt/τ)) and adds 0.3 day, so study after
/// some forgetting consolidates much more than massed study;</item>
/// <item><b>answers</b>: P(correct) = 0.2 + 0.75·σ(8·(x − 0.5 − d)) with the question's difficulty d;</item>
/// <item><b>prior knowledge</b>: each skill is already known (x ∈ [0.8, 0.95], τ = 90 days) with probability 45%, 35%,
/// 25%, 15%, 10%, 5% by unit; otherwise x ∈ [0.03, 0.12] and τ = 3 days (9 in the gentle world) × a personal memory
/// factor in [0.7, 1.4].</item>
/// </list>
/// </summary>
internal sealed class HiddenLearner
{
    private const double SpacingGain = 1.5;
    private static readonly double[] PriorKnownByUnit = [0.45, 0.35, 0.25, 0.15, 0.10, 0.05];

    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<SkillSpec> _skills;
    private readonly double[] _peak;
    private readonly double[] _tau;
    private readonly long[] _lastTicks;
    private readonly double _ability;
    private readonly double _residual;

    public HiddenLearner(SyntheticCourse course, HiddenWorld world, int seed)
    {
        _residual = world.Residual;
        var random = new Random(seed);
        _skills = course.Skills;
        _index = course.Skills.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _ability = Math.Exp(0.25 * Gaussian(random));
        var memory = 0.7 + 0.7 * random.NextDouble();
        MinutesPerDay = new[] { 15.0, 20, 30, 45 }[random.Next(4)];
        Speed = 0.85 + 0.35 * random.NextDouble();
        _peak = new double[_skills.Count];
        _tau = new double[_skills.Count];
        _lastTicks = new long[_skills.Count];
        for (var k = 0; k < _skills.Count; k++)
        {
            var known = random.NextDouble() < PriorKnownByUnit[Math.Min(_skills[k].Unit, PriorKnownByUnit.Length - 1)];
            _peak[k] = known ? 0.8 + 0.15 * random.NextDouble() : 0.03 + 0.09 * random.NextDouble();
            _tau[k] = known ? 90 : world.InitialStabilityDays * memory;
            _lastTicks[k] = course.Start.UtcTicks;
        }
        AnswerSeed = random.Next();
    }

    /// <summary>The learner's daily attention budget.</summary>
    public double MinutesPerDay { get; }

    /// <summary>How long the learner takes relative to the catalog's estimate.</summary>
    public double Speed { get; }

    /// <summary>Seed of the learner's answers (the same for every policy).</summary>
    public int AnswerSeed { get; }

    /// <summary>Knowledge of <paramref name="skill"/> at <paramref name="t"/>.</summary>
    public double Knowledge(string skill, DateTimeOffset t) => Knowledge(_index[skill], t.UtcTicks);

    /// <summary>Mean knowledge over all skills at <paramref name="t"/>: the "mastery" the simulator measures.</summary>
    public double MeanKnowledge(DateTimeOffset t)
    {
        var sum = 0.0;
        for (var k = 0; k < _skills.Count; k++)
        {
            sum += Knowledge(k, t.UtcTicks);
        }
        return sum / _skills.Count;
    }

    /// <summary>Answers one question on <paramref name="skill"/>.</summary>
    public bool Answer(string skill, double difficulty, DateTimeOffset t, Random random)
    {
        var x = Knowledge(skill, t);
        var p = 0.2 + 0.75 * Sigmoid(8 * (x - 0.5 - difficulty));
        return random.NextDouble() < p;
    }

    /// <summary>Studies <paramref name="skill"/> at <paramref name="t"/> with strength <paramref name="eta"/>.</summary>
    public void Study(string skill, double eta, DateTimeOffset t)
    {
        var k = _index[skill];
        var x = Knowledge(k, t.UtcTicks);
        var gate = 1.0;
        foreach (var pre in _skills[k].Prerequisites)
        {
            gate *= Sigmoid(10 * (Knowledge(_index[pre], t.UtcTicks) - 0.5));
        }
        var z = Logit(Math.Clamp(x, 0.01, 0.99)) + eta * _ability * gate;
        var retained = Math.Exp(-Math.Max(0, t.UtcTicks - _lastTicks[k]) / (double)TimeSpan.TicksPerDay / _tau[k]);
        _tau[k] = _tau[k] * (1 + SpacingGain * (1 - retained)) + 0.3;
        _peak[k] = Sigmoid(z);
        _lastTicks[k] = t.UtcTicks;
    }

    private double Knowledge(int k, long ticks)
    {
        var days = Math.Max(0, ticks - _lastTicks[k]) / (double)TimeSpan.TicksPerDay;
        return _peak[k] * (_residual + (1 - _residual) * Math.Exp(-days / _tau[k]));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
