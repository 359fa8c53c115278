namespace Attune.Plugins;

/// <summary>
/// A learning strategy whose parameters are shared by a tenant's learners and fitted from the tenant's journal (for
/// example knowledge tracing's per-skill learn, guess and slip). The host fits it on a schedule and on an admin's
/// request, stores each fit as a numbered model version, and hands the serving version to every call. Optional.
/// </summary>
/// <remarks>
/// <para>The host passes the serving model to <see cref="ILearningStrategy.Observe"/> in
/// <see cref="ObservationContext.Model"/>, to <see cref="ILearningStrategy.Plan"/> in <see cref="PlanningContext.Model"/>
/// and to <see cref="IDescribesLearner.Describe"/> in <see cref="DescriptionContext.Model"/>; <c>null</c> before the
/// first fit.</para>
/// <para>A learner's state is a fold of their events under one model. When another version starts serving, the host
/// rebuilds the state: it replays the learner's journal from <see cref="PluginState.Empty"/> through
/// <see cref="ILearningStrategy.Observe"/> with the new model, on the learner's next event or read. So Observe must be
/// deterministic, as it already must be for replays.</para>
/// </remarks>
public interface ITrainableStrategy : ILearningStrategy
{
    /// <summary>
    /// Fits the model from a tenant's interactions (every event in journal order, which is not timestamp order).
    /// Report progress now and then and honour cancellation. Return <c>null</c> when there is nothing to fit from;
    /// the serving version, if any, then stays. The artifact's <see cref="ModelArtifact.Plugin"/> must be this
    /// plugin's name.
    /// </summary>
    Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Turns a stored artifact into the read-only model every learner of a silo shares. Throw
    /// <see cref="FormatException"/> for a format this version cannot read; the host then runs without a model.
    /// </summary>
    IStrategyModel LoadModel(ModelArtifact artifact);
}
