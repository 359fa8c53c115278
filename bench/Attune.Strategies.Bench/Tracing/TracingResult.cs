namespace Attune.Strategies.Bench.Tracing;

/// <summary>One row of the knowledge-tracing table.</summary>
internal sealed record TracingResult(string Model, double Auc, double Rmse, double LogLoss, string Fit);
