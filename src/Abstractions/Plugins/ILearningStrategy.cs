namespace Attune.Plugins;

/// <summary>
/// Turns scored candidates into a plan that fits the learner's attention budget, using what the strategy has
/// observed of the learner (mastery, memory, pace) in its own per-learner <see cref="PluginState"/>.
/// Strategies serving a tenant run in a configured order: each receives the previous one's plan as its candidates.
/// It may also fit a shared model from the journal (<see cref="ITrainableStrategy"/>) and describe the learner
/// (<see cref="IDescribesLearner"/>).
/// </summary>
/// <remarks>
/// Instances are shared and called concurrently; all per-learner data lives in the state bytes. Every call runs
/// under a time budget; a failure leaves the previous plan (or the baseline) in place and is reported to admins.
/// </remarks>
public interface ILearningStrategy
{
    /// <summary>
    /// Folds <see cref="ObservationContext.Event"/> into <see cref="ObservationContext.State"/> and returns the new state.
    /// Must be deterministic: replaying the same events gives the same state.
    /// </summary>
    PluginState Observe(ObservationContext context);

    /// <summary>Chooses and orders steps from <see cref="PlanningContext.Candidates"/> (and, for reviews or prerequisites, <see cref="PlanningContext.Catalog"/>) within the budget.</summary>
    LearningPlan Plan(PlanningContext context);
}
