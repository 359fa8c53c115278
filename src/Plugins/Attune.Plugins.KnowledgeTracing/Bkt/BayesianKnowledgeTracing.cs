namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>
/// The Bayesian Knowledge Tracing update (Corbett &amp; Anderson 1995) with forgetting over time, as pure functions
/// of one skill's mastery P(L). One opportunity at time t, a gap of Δ forgetting periods after the previous one:
/// <list type="number">
/// <item>forgetting while away: <c>p⁻ = p⁺ · (1 − F)^Δ</c> (a known skill survives each period with 1 − F);</item>
/// <item>prediction: <c>P(correct) = p⁻(1 − S) + (1 − p⁻)G</c>;</item>
/// <item>evidence (Bayes): <c>p|correct = p⁻(1 − S) / P(correct)</c>, <c>p|wrong = p⁻S / (1 − P(correct))</c>;</item>
/// <item>learning from the opportunity: <c>p⁺ = p|obs + (1 − p|obs)T</c>.</item>
/// </list>
/// Forgetting is a function of elapsed time, not of answering: at any instant, the update for an answer is
/// <c>p⁻ → p⁺</c>. With <c>G &lt; 1 − S</c> (see <see cref="BktParameters"/>) step 3 never lowers p after a correct
/// answer, and step 4 never lowers it at all, so <b>mastery never falls after a correct answer</b>. It is the standard
/// two-state HMM with transition P(L'|L) = (1−F)^Δ, P(L'|¬L) = T(1−F)^Δ, which <see cref="BktFitter"/> fits.
/// </summary>
public static class BayesianKnowledgeTracing
{
    /// <summary>Mastery after <paramref name="periods"/> forgetting periods without practice.</summary>
    public static double Forget(double mastery, double periods, in BktParameters p) =>
        periods <= 0 || p.Forget <= 0 ? mastery : mastery * Math.Pow(1 - p.Forget, periods);

    /// <summary>P(correct) at mastery <paramref name="mastery"/> (already forgotten up to now).</summary>
    public static double PredictCorrect(double mastery, in BktParameters p) =>
        mastery * (1 - p.Slip) + (1 - mastery) * p.Guess;

    /// <summary>P(L | answer): Bayes' rule on one observed answer.</summary>
    public static double Posterior(double mastery, bool correct, in BktParameters p)
    {
        double known, unknown;
        if (correct)
        {
            known = mastery * (1 - p.Slip);
            unknown = (1 - mastery) * p.Guess;
        }
        else
        {
            known = mastery * p.Slip;
            unknown = (1 - mastery) * (1 - p.Guess);
        }
        var total = known + unknown;
        return total > 0 ? known / total : mastery;
    }

    /// <summary>Mastery after the learning step of an opportunity: an unknown skill becomes known with P(T).</summary>
    public static double Learn(double posterior, in BktParameters p) => posterior + (1 - posterior) * p.Learn;

    /// <summary>
    /// One opportunity: forgetting over <paramref name="periods"/>, the answer's evidence (none when
    /// <paramref name="correct"/> is <c>null</c>: an unscored opportunity such as a completed lesson), then learning.
    /// </summary>
    /// <param name="mastery">p⁺ after the previous opportunity (or the prior for the first one, with 0 periods).</param>
    /// <param name="correct">The answer, or <c>null</c> for an opportunity without one.</param>
    /// <param name="periods">Forgetting periods since the previous opportunity.</param>
    /// <param name="p">The skill's parameters.</param>
    public static double Update(double mastery, bool? correct, double periods, in BktParameters p)
    {
        var before = Forget(mastery, periods, p);
        var evidence = correct is { } c ? Posterior(before, c, p) : before;
        return Learn(evidence, p);
    }
}
