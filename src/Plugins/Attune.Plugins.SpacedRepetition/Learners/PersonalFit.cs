namespace Attune.Plugins.SpacedRepetition.Learners;

/// <summary>A learner's own FSRS weights, kept because they lowered the log loss on reviews they were not fitted on.</summary>
/// <param name="Weights">The 21 weights.</param>
/// <param name="AtReviews">How many reviews the learner had when they were fitted.</param>
/// <param name="HeldOutLogLossBefore">Log loss of the weights they replaced, on the held-out reviews.</param>
/// <param name="HeldOutLogLossAfter">Log loss of these weights on the same reviews.</param>
public sealed record PersonalFit(IReadOnlyList<double> Weights, int AtReviews, double HeldOutLogLossBefore, double HeldOutLogLossAfter);
