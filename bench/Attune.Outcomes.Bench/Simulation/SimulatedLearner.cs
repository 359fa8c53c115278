namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// One learner's hidden knowledge of a course's skills, and what studying does to it. The rules are this bench's own,
/// not any plugin's model:
/// <list type="bullet">
/// <item>Knowledge k ∈ [0, 1] per skill. A study step moves it along a saturating curve,
/// k ← k + (1 − k)(1 − e^(−r)), with rate r = value × ability × gate × practice factor × share done
/// (diminishing returns: the same step teaches less the more is known).</item>
/// <item>The gate is Π σ(10(k_p − 0.45)) over the skill's prerequisites p: material built on unknown skills teaches little.</item>
/// <item>Drills and quizzes are practice: their rate is scaled by 0.35 + 0.65 min(1, k / 0.5), so they work on a skill
/// already partly taught. Repeats teach less: a lesson 0.5×, a video 0.4×, a quiz 0.8×, a drill 0.85× per earlier time.</item>
/// <item>Knowledge fades towards a floor: k(t) = peak (ρ + (1 − ρ) e^(−Δt / S)). Each study multiplies the stability S
/// by 1 + gate × weight × (0.15 + 1.8 (1 − e^(−Δt / S))): study after some forgetting consolidates more than massed
/// study (the spacing effect); weight = min(1, value / 0.6), so a low-value video consolidates little.</item>
/// <item>An answer is correct with probability 0.15 + 0.8 σ(9(k − 0.45 − difficulty)).</item>
/// </list>
/// Time is in days since the course's epoch. Nothing here draws random numbers except <see cref="Answer"/>, from the
/// learner's own stream, so two configurations that make the same choices see the same answers.
/// </summary>
public sealed class SimulatedLearner
{
    private readonly SyntheticCourse _course;
    private readonly double[] _peak;
    private readonly double[] _stability;
    private readonly double[] _last;
    private readonly int[] _repeats;
    private readonly double[] _remaining;
    private readonly Random _answers;
    private readonly Random _minutes;

    public SimulatedLearner(string id, SyntheticCourse course, LearnerTraits traits, int seed, double start)
    {
        Id = id;
        _course = course;
        Traits = traits;
        var skills = course.Skills.Count;
        _peak = [.. traits.PriorKnowledge];
        _stability = Enumerable.Repeat(course.World.StabilityDays * traits.Memory, skills).ToArray();
        _last = Enumerable.Repeat(start, skills).ToArray();
        _repeats = new int[course.Items.Count];
        _remaining = Enumerable.Repeat(1.0, course.Items.Count).ToArray();
        _answers = new Random(seed);
        _minutes = new Random(seed ^ 0x5eed);
    }

    public string Id { get; }

    public LearnerTraits Traits { get; }

    public SyntheticCourse Course => _course;

    /// <summary>Times each item was done to the end.</summary>
    public int Repeats(int item) => _repeats[item];

    /// <summary>The share of a lesson or video still to do (1 unless it was left part-way).</summary>
    public double Remaining(int item) => _remaining[item];

    public double Knowledge(int skill, double t)
    {
        var elapsed = Math.Max(0, t - _last[skill]);
        var floor = _course.World.Floor;
        return _peak[skill] * (floor + (1 - floor) * Math.Exp(-elapsed / _stability[skill]));
    }

    /// <summary>Mean knowledge over the course's skills at <paramref name="t"/>: the bench's mastery.</summary>
    public double Mastery(double t) => Enumerable.Range(0, _course.Skills.Count).Average(s => Knowledge(s, t));

    /// <summary>Minutes this learner would usually take for what is left of <paramref name="item"/>.</summary>
    public double ExpectedMinutes(HiddenItem item) => item.EstimatedMinutes * Traits.Speed * _remaining[item.Index];

    /// <summary>Minutes this learner takes for what is left of <paramref name="item"/> this time (draws from their minutes stream).</summary>
    public double DrawMinutes(HiddenItem item) =>
        ExpectedMinutes(item) * Math.Exp(_course.World.StepNoise * Gaussian(_minutes));

    /// <summary>How much mastery (mean over skills) doing <paramref name="share"/> of the rest of the item would add now.</summary>
    public double ExpectedGain(HiddenItem item, double t, double share = 1)
    {
        var (_, gain, _) = Effect(item, t, share);
        return gain / _course.Skills.Count;
    }

    /// <summary>
    /// Does <paramref name="share"/> (0..1] of what is left of the item at time <paramref name="t"/> and returns the
    /// knowledge of its skill before and after; the caller draws the answers in between.
    /// </summary>
    public (double Before, double After) Study(HiddenItem item, double t, double share)
    {
        var (before, gain, gate) = Effect(item, t, share);
        var s = item.Skill;
        var elapsed = Math.Max(0, t - _last[s]);
        var weight = Math.Min(1, item.Value / 0.6) * share;
        _stability[s] *= 1 + gate * weight * (0.15 + 1.8 * (1 - Math.Exp(-elapsed / _stability[s])));
        _peak[s] = before + gain;
        _last[s] = t;
        if (item.Kind is ItemKind.Lesson or ItemKind.Video)
        {
            var left = _remaining[item.Index] * (1 - share);
            _remaining[item.Index] = left < 0.02 ? 1 : left;
            if (left < 0.02)
            {
                _repeats[item.Index]++;
            }
        }
        else if (share >= 0.999)
        {
            _repeats[item.Index]++;
        }
        return (before, before + gain);
    }

    /// <summary>One answer to a question of <paramref name="item"/> at knowledge <paramref name="k"/>: true when correct.</summary>
    public bool Answer(HiddenItem item, double k) =>
        _answers.NextDouble() < 0.15 + 0.8 * Sigmoid(9 * (k - 0.45 - item.Difficulty));

    private (double Before, double Gain, double Gate) Effect(HiddenItem item, double t, double share)
    {
        var s = item.Skill;
        var k = Knowledge(s, t);
        var gate = 1.0;
        foreach (var p in _course.Skills[s].Prerequisites)
        {
            gate *= Sigmoid(10 * (Knowledge(p, t) - 0.45));
        }
        var practice = item.Kind is ItemKind.Drill or ItemKind.Quiz ? 0.35 + 0.65 * Math.Min(1, k / 0.5) : 1;
        var repeat = Math.Pow(item.Kind switch
        {
            ItemKind.Lesson => 0.5,
            ItemKind.Video => 0.4,
            ItemKind.Quiz => 0.8,
            _ => 0.85,
        }, _repeats[item.Index]);
        // A lesson resumed part-way teaches the share of it that is left.
        var rate = item.Value * Traits.Ability * gate * practice * repeat * share *
            (item.Kind is ItemKind.Lesson or ItemKind.Video ? _remaining[item.Index] : 1);
        return (k, (1 - k) * (1 - Math.Exp(-rate)), gate);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
