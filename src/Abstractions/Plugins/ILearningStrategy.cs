using Attune.Learners;

namespace Attune.Plugins;

/// <summary>
/// Turns scored candidates into a plan that fits the learner's attention budget, using what the strategy has
/// observed of the learner (mastery, memory, pace) in its own per-learner <see cref="PluginState"/>.
/// Strategies serving a tenant run in a configured order: each receives the previous one's plan as its candidates.
/// </summary>
/// <remarks>
/// Instances are shared and called concurrently; all per-learner data lives in the state bytes. Every call runs
/// under a time budget; a failure leaves the previous plan (or the baseline) in place and is reported to admins.
/// </remarks>
public interface ILearningStrategy
{
    /// <summary>
    /// Folds one event into the learner's state and returns the new state. <paramref name="history"/> already
    /// includes <paramref name="learningEvent"/>. Must be deterministic: replaying the same events gives the same state.
    /// </summary>
    PluginState Observe(PluginState state, LearningEvent learningEvent, LearnerHistory history);

    /// <summary>Chooses and orders steps from <see cref="PlanningContext.Candidates"/> (and, for reviews or prerequisites, <see cref="PlanningContext.Catalog"/>) within the budget.</summary>
    LearningPlan Plan(PlanningContext context);
}

/// <summary>What <see cref="ILearningStrategy.Plan"/> works with.</summary>
/// <param name="History">The learner's history.</param>
/// <param name="Profile">What the learner told Attune about themselves.</param>
/// <param name="State">This strategy's state for the learner.</param>
/// <param name="Candidates">Scored candidates, best first (or the previous strategy's plan).</param>
/// <param name="BudgetMinutes">Minutes the plan may use; <c>null</c> means no limit.</param>
/// <param name="Limit">The most steps the plan may have.</param>
/// <param name="Now">The current time, from the host's clock.</param>
public sealed record PlanningContext(
    LearnerHistory History,
    LearnerProfile Profile,
    PluginState State,
    IReadOnlyList<ScoredCandidate> Candidates,
    double? BudgetMinutes,
    int Limit,
    DateTimeOffset Now)
{
    /// <summary>
    /// The model serving this strategy for the learner's tenant, as its <see cref="ITrainableStrategy.LoadModel"/>
    /// returned it; <c>null</c> before the first fit and for strategies that are not <see cref="ITrainableStrategy"/>.
    /// Added in SDK 1.1.
    /// </summary>
    public IStrategyModel? Model { get; init; }

    /// <summary>
    /// Every learning activity of the courses planned for, finished ones included, in the course's own order (by
    /// <see cref="Candidate.Position"/>, then id): the course's structure, for strategies that honour prerequisites or
    /// schedule reviews of finished items. A plan may take its steps from here as well as from <see cref="Candidates"/>.
    /// Empty when the host has no catalog for the courses.
    /// </summary>
    public IReadOnlyList<Candidate> Catalog { get; init; } = [];
}

/// <summary>An ordered plan.</summary>
/// <param name="Steps">What to do, in order. Every item must come from the candidates or the catalog; total minutes must fit the budget.</param>
public sealed record LearningPlan(IReadOnlyList<PlanStep> Steps);

/// <summary>One step of a plan.</summary>
/// <param name="Candidate">The candidate chosen.</param>
/// <param name="Minutes">Minutes the step is expected to take.</param>
/// <param name="Reason">Why this step, in words a learner understands.</param>
/// <param name="Score">The step's score (the candidate's, or the strategy's own).</param>
public sealed record PlanStep(Candidate Candidate, double Minutes, string Reason, double Score);
