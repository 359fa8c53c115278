using Attune.Plugins.KnowledgeTracing.Learners;

namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>
/// Evaluates <see cref="LogisticParameters"/> on a learner's evidence, and keeps that evidence up to date. The plugin,
/// the fitter and the bench all call these, so features in training are the features online.
/// </summary>
public static class LogisticPredictor
{
    /// <summary>σ(z), without overflow for large |z|.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>The terms of one skill k: β_k + (γ+γ_k)·ln(1+s_k) + (ρ+ρ_k)·ln(1+f_k) + λ·last_k + μ·recent_k.</summary>
    public static double SkillTerm(LogisticParameters p, string skill, in SkillEvidence e)
    {
        var own = p.For(skill);
        return own.Easiness
            + (p.SkillSuccesses + own.Successes) * Math.Log(1 + e.Successes)
            + (p.SkillFailures + own.Failures) * Math.Log(1 + e.Failures)
            + p.LastOnSkill * e.Last
            + p.RecentOnSkill * e.Recent;
    }

    /// <summary>The learner's terms: b + γ_T·ln(1+S) + ρ_T·ln(1+F) + λ_T·last + μ_T·recent.</summary>
    public static double LearnerTerm(LogisticParameters p, in LearnerEvidence l) =>
        p.Bias
        + p.TotalSuccesses * Math.Log(1 + l.Successes)
        + p.TotalFailures * Math.Log(1 + l.Failures)
        + p.LastAny * l.Last
        + p.RecentAny * l.Recent;

    /// <summary>P(correct) on an item exercising one skill, before the answer.</summary>
    public static double Predict(LogisticParameters p, string? item, string skill, in SkillEvidence skillEvidence, in LearnerEvidence learner)
    {
        var z = LearnerTerm(p, learner) + SkillTerm(p, skill, skillEvidence);
        if (item is not null && p.Items.TryGetValue(item, out var easiness))
        {
            z += easiness;
        }
        return Sigmoid(z);
    }

    /// <summary>The skill's evidence after one answer (counts and recency; BKT mastery is updated elsewhere).</summary>
    public static SkillEvidence WithAnswer(in SkillEvidence e, bool correct) => e with
    {
        Successes = e.Successes + (correct ? 1 : 0),
        Failures = e.Failures + (correct ? 0 : 1),
        Last = correct ? (sbyte)1 : (sbyte)-1,
        Recent = LogisticParameters.RecencyDecay * e.Recent + (1 - LogisticParameters.RecencyDecay) * (correct ? 1 : -1),
    };

    /// <summary>The learner's evidence after one answer.</summary>
    public static LearnerEvidence WithAnswer(in LearnerEvidence l, bool correct) => new(
        l.Successes + (correct ? 1 : 0),
        l.Failures + (correct ? 0 : 1),
        correct ? (sbyte)1 : (sbyte)-1,
        LogisticParameters.RecencyDecay * l.Recent + (1 - LogisticParameters.RecencyDecay) * (correct ? 1 : -1));
}
