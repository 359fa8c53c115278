namespace Attune.Plugins.KnowledgeTracing.Learners;

/// <summary>What one learner's answers say across all skills: the "total counts" and recency of Best-LR (Gervet et al. 2020).</summary>
/// <param name="Successes">Correct answers on any skill.</param>
/// <param name="Failures">Wrong answers on any skill.</param>
/// <param name="Last">The latest answer on any skill: +1, −1, or 0 before the first.</param>
/// <param name="Recent">Exponentially weighted mean of recent answers on any skill, coded ±1.</param>
public readonly record struct LearnerEvidence(int Successes, int Failures, sbyte Last, double Recent);
