namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>What <see cref="FsrsOptimizer.Fit"/> found.</summary>
/// <param name="Accepted">Whether the fitted weights lowered the log loss on the held-out newest reviews.</param>
/// <param name="Weights">The fitted weights (on the older reviews), whether accepted or not.</param>
/// <param name="HeldOutLogLossBefore">Log loss of the current weights on the held-out reviews.</param>
/// <param name="HeldOutLogLossAfter">Log loss of the fitted weights on the same reviews.</param>
/// <param name="TrainingReviews">Reviews the weights were fitted on.</param>
/// <param name="HeldOutReviews">Reviews held out.</param>
public sealed record FsrsFit(bool Accepted, IReadOnlyList<double> Weights, double HeldOutLogLossBefore, double HeldOutLogLossAfter, int TrainingReviews, int HeldOutReviews);
