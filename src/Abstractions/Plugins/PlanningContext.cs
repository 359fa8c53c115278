using Attune.Learners;

namespace Attune.Plugins;

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
