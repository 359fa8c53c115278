using System.Globalization;

namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>
/// The five parameters of Bayesian Knowledge Tracing for one skill (Corbett &amp; Anderson 1995), with forgetting
/// (the "forgets" extension of pyBKT, Badrinath et al. 2021). All are probabilities.
/// </summary>
/// <param name="Prior">P(L0): the skill is known before the first opportunity.</param>
/// <param name="Learn">P(T): an unknown skill becomes known at a practice opportunity.</param>
/// <param name="Forget">P(F): a known skill is forgotten over one forgetting period without practice (a day in the
/// plugin, one opportunity in a journal without time).</param>
/// <param name="Guess">P(G): a correct answer while the skill is unknown.</param>
/// <param name="Slip">P(S): a wrong answer while the skill is known.</param>
/// <remarks>
/// Guess and slip are bounded: <c>Guess + Slip &lt; 1</c>, i.e. <c>Guess &lt; 1 − Slip</c>. That is exactly the
/// condition under which a correct answer is evidence <em>for</em> knowing the skill: the posterior after a correct
/// answer, <c>p(1−S) / (p(1−S) + (1−p)G)</c>, is at least <c>p</c> iff <c>1 − S ≥ G</c>. Without it the model is
/// "degenerate" (Baker, Corbett &amp; Aleven 2008): mastery would fall after a correct answer. The bound is kept with a
/// margin (<see cref="MaxGuessPlusSlip"/>) so a correct answer always carries real evidence.
/// </remarks>
public readonly record struct BktParameters(double Prior, double Learn, double Forget, double Guess, double Slip)
{
    /// <summary>The most guess + slip may be: below 1 (non-degenerate), with a margin.</summary>
    public const double MaxGuessPlusSlip = 0.95;

    /// <summary>The most either guess or slip may be on its own when fitted, as in most BKT fitting practice.</summary>
    public const double MaxGuessOrSlip = 0.45;

    /// <summary>
    /// Parameters for a skill nothing has been fitted for: a fifth of learners know it already, a practice
    /// opportunity teaches it one time in eight, a known skill is forgotten about once in 70 days without practice
    /// (half-life ≈ 48 days), guess 0.2, slip 0.1 — typical magnitudes of fitted BKT parameters in the literature.
    /// </summary>
    public static BktParameters Default { get; } = new(0.2, 0.12, 0.0143, 0.2, 0.1);

    /// <summary>Why these parameters cannot be used, or <c>null</c>.</summary>
    public string? Problem()
    {
        if (!InUnit(Prior) || !InUnit(Learn) || !InUnit(Forget) || !InUnit(Guess) || !InUnit(Slip))
        {
            return "every BKT parameter is a probability from 0 to 1";
        }
        return Guess + Slip > MaxGuessPlusSlip
            ? string.Create(CultureInfo.InvariantCulture,
                $"guess ({Guess}) + slip ({Slip}) must be at most {MaxGuessPlusSlip}, or a correct answer would lower mastery")
            : null;
    }

    /// <summary>Clamps every parameter into the range the fitter allows, keeping guess + slip non-degenerate.</summary>
    public BktParameters Clamped() => new(
        Math.Clamp(Prior, 1e-3, 0.999),
        Math.Clamp(Learn, 1e-4, 0.95),
        Math.Clamp(Forget, 0, 0.5),
        Math.Clamp(Guess, 1e-3, MaxGuessOrSlip),
        Math.Clamp(Slip, 1e-3, MaxGuessOrSlip));

    private static bool InUnit(double x) => x >= 0 && x <= 1;
}
