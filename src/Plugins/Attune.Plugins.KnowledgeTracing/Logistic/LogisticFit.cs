namespace Attune.Plugins.KnowledgeTracing.Logistic;

/// <summary>What <see cref="LogisticFitter"/> found.</summary>
/// <param name="Parameters">The fitted predictor.</param>
/// <param name="LogLoss">Mean log loss on the training answers (without the penalty).</param>
/// <param name="Answers">Answers fitted.</param>
/// <param name="Iterations">L-BFGS iterations.</param>
public sealed record LogisticFit(LogisticParameters Parameters, double LogLoss, int Answers, int Iterations);
