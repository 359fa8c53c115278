namespace Attune.Bench.Tracing;

/// <summary>One row of the knowledge-tracing table.</summary>
public sealed record TracingResult(string Model, double Auc, double Rmse, double LogLoss, string Fit);
