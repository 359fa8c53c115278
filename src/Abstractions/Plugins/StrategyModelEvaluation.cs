namespace Attune.Plugins;

/// <summary>How well a strategy model predicted held-out events.</summary>
/// <param name="Loss">The mean loss per prediction (for example log loss of the next answer); lower is better.</param>
/// <param name="Predictions">How many held-out events were predicted.</param>
/// <param name="Metrics">Other numbers worth keeping with the version (AUC, RMSE, ...), each finite.</param>
public sealed record StrategyModelEvaluation(double Loss, int Predictions, IReadOnlyDictionary<string, double> Metrics);
