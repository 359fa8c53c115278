namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>
/// The logistic next-answer predictor, in the PFA / Best-LR family (Pavlik, Cen &amp; Koedinger 2009; Gervet et al.
/// 2020), with R-PFA recency (Galyardt &amp; Goldin 2015). For an answer on item i exercising skills K:
/// <code>
/// logit P(correct) = b + β_i + Σ_{k∈K} [ β_k + (γ + γ_k)·ln(1+s_k) + (ρ + ρ_k)·ln(1+f_k) + λ·last_k + μ·recent_k ]
///                    + γ_T·ln(1+S) + ρ_T·ln(1+F) + λ_T·last + μ_T·recent
/// </code>
/// s_k, f_k: the learner's earlier correct and wrong answers on k; S, F: on any skill (Best-LR's "total" counts, a
/// proxy for ability); last: the latest answer (±1, 0 before any); recent: an exponentially weighted mean of answers
/// coded ±1 with decay <see cref="RecencyDecay"/>. Counts enter as ln(1+n), as in Best-LR.
/// </summary>
public sealed record LogisticParameters
{
    /// <summary>Weight of the previous recency value when an answer arrives: recent ← d·recent + (1 − d)·(±1).</summary>
    public const double RecencyDecay = 0.7;

    /// <summary>b: the intercept.</summary>
    public double Bias { get; init; }

    /// <summary>γ: shared weight of ln(1 + correct answers on the skill).</summary>
    public double SkillSuccesses { get; init; }

    /// <summary>ρ: shared weight of ln(1 + wrong answers on the skill).</summary>
    public double SkillFailures { get; init; }

    /// <summary>λ: weight of the latest answer on the skill (±1).</summary>
    public double LastOnSkill { get; init; }

    /// <summary>μ: weight of the recency-weighted answers on the skill.</summary>
    public double RecentOnSkill { get; init; }

    /// <summary>γ_T: weight of ln(1 + correct answers on any skill).</summary>
    public double TotalSuccesses { get; init; }

    /// <summary>ρ_T: weight of ln(1 + wrong answers on any skill).</summary>
    public double TotalFailures { get; init; }

    /// <summary>λ_T: weight of the latest answer on any skill (±1).</summary>
    public double LastAny { get; init; }

    /// <summary>μ_T: weight of the recency-weighted answers on any skill.</summary>
    public double RecentAny { get; init; }

    /// <summary>Per-skill deviations; a skill not listed has none.</summary>
    public IReadOnlyDictionary<string, SkillCoefficients> Skills { get; init; } = new Dictionary<string, SkillCoefficients>(StringComparer.Ordinal);

    /// <summary>β_i per item; an item not listed has 0.</summary>
    public IReadOnlyDictionary<string, double> Items { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// The shared weights alone (no per-skill terms) fitted on the ASSISTments 2009 training file (de-duplicated, DKVMN
    /// split) by bench/Attune.Strategies.Bench: what the plugin uses until the host fits a tenant's own. On that split's
    /// test file they reach AUC 0.753 on their own. The negative λ with a larger positive λ_T is the two "latest answer"
    /// features sharing one effect: they coincide when consecutive answers are on the same skill.
    /// </summary>
    public static LogisticParameters Default { get; } = new()
    {
        Bias = 0.2447,
        SkillSuccesses = 0.3849,
        SkillFailures = -0.2922,
        LastOnSkill = -0.5309,
        RecentOnSkill = 0.3476,
        TotalSuccesses = 0.2890,
        TotalFailures = -0.3334,
        LastAny = 0.7627,
        RecentAny = 0.3126,
    };

    /// <summary>The skill's deviations, or none.</summary>
    public SkillCoefficients For(string skill) => Skills.TryGetValue(skill, out var c) ? c : default;
}
