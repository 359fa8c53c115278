namespace Attune.Plugins.KnowledgeTracing.Bkt;

/// <summary>What <see cref="BktFitter"/> found for one skill.</summary>
/// <param name="Parameters">The maximum-likelihood parameters (within the bounds of <see cref="BktParameters.Clamped"/>).</param>
/// <param name="LogLikelihood">Log-likelihood of the observed answers under <paramref name="Parameters"/>.</param>
/// <param name="Observations">Answers (scored opportunities) the fit saw.</param>
/// <param name="Iterations">EM iterations of the best start.</param>
public sealed record BktFit(BktParameters Parameters, double LogLikelihood, int Observations, int Iterations);
