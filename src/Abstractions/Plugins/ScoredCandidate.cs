namespace Attune.Plugins;

/// <summary>A candidate with a recommender's score (higher is better) and, optionally, the reason in words.</summary>
/// <param name="Candidate">The candidate scored.</param>
/// <param name="Score">A finite number; only the order matters to planners.</param>
/// <param name="Reason">Why, in words a learner understands; the planner may reuse it.</param>
public sealed record ScoredCandidate(Candidate Candidate, double Score, string? Reason = null);
