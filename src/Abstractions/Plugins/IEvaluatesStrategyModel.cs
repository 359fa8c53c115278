namespace Attune.Plugins;

/// <summary>
/// A trainable strategy whose models can be measured on what learners did after the events they were fitted on, so
/// the host promotes a new fit only when it predicts the held-out events at least as well as the serving model (as it
/// does for recommenders with holdout recall). Optional: without it every fit serves.
/// </summary>
public interface IEvaluatesStrategyModel
{
    /// <summary>
    /// Replays <paramref name="before"/> then <paramref name="holdout"/> (each learner's events in time order) under
    /// <paramref name="model"/> (<c>null</c>: the plugin's settings alone), and measures how well the model predicted each
    /// scored event of <paramref name="holdout"/> before seeing it. Lower <see cref="StrategyModelEvaluation.Loss"/> is better.
    /// </summary>
    Task<StrategyModelEvaluation> EvaluateAsync(IStrategyModel? model, IInteractionSource before, IInteractionSource holdout,
        IReadOnlyList<CatalogEntry> catalog, CancellationToken cancellationToken);
}
