using Attune.Plugins.MatrixFactorization.Model;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>A training run's output: the model's content, its metrics, and the fits (tests compare fold-in with them).</summary>
internal sealed record TrainedContent(ModelContent Content, IReadOnlyDictionary<string, double> Metrics, AlsFactors Implicit, ExplicitFactors? Explicit);
