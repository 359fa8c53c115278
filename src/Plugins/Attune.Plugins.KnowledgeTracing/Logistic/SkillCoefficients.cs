namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>
/// One skill's own terms of the logistic predictor, as deviations from the shared weights (so a skill never fitted
/// uses the shared ones): easiness β_k, and the extra weight on its log success and failure counts (PFA's γ_k, ρ_k).
/// </summary>
public readonly record struct SkillCoefficients(double Easiness, double Successes, double Failures);
