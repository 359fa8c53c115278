namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>A fitted model with how the fit went.</summary>
/// <param name="Model">The model.</param>
/// <param name="Iterations">EM iterations run.</param>
/// <param name="LogLikelihoodPerAnswer">The training log-likelihood per answer under the final parameters.</param>
internal sealed record LearningModelFit(LearningModel Model, int Iterations, double LogLikelihoodPerAnswer);
