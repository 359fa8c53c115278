using Attune.Learners;

namespace Attune.Plugins;

/// <summary>What <see cref="ILearningStrategy.Observe"/> works with: one event, and what the host knows around it.</summary>
/// <param name="Event">The event to fold into the state.</param>
/// <param name="History">
/// The learner's history. It already includes <paramref name="Event"/> and may include later events of the same batch
/// (a dispatch after ingestion, or a journal replay), so do not assume it ends at <paramref name="Event"/>.
/// </param>
/// <param name="State">This strategy's state for the learner before <paramref name="Event"/>; <see cref="PluginState.Empty"/> at first.</param>
/// <param name="Now">
/// When the host observes, from its clock: a live dispatch and a later replay of the same event see different values,
/// so the returned state must not depend on it (use <see cref="LearningEvent.Timestamp"/>); it is there for logging
/// and for decisions that are not stored.
/// </param>
public sealed record ObservationContext(LearningEvent Event, LearnerHistory History, PluginState State, DateTimeOffset Now)
{
    /// <summary>
    /// The model serving this strategy for the learner's tenant, as its <see cref="ITrainableStrategy.LoadModel"/>
    /// returned it; <c>null</c> before the first fit and for strategies that are not <see cref="ITrainableStrategy"/>.
    /// </summary>
    public IStrategyModel? Model { get; init; }

    /// <summary>
    /// The catalog entry of the event's item in the event's course (its kind, minutes, skills and place in the course's
    /// structure), or <c>null</c> when the event names no course or the course's catalog does not describe the item.
    /// </summary>
    public CatalogEntry? Item { get; init; }
}
