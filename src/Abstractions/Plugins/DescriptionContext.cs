using Attune.Learners;

namespace Attune.Plugins;

/// <summary>What <see cref="IDescribesLearner.Describe"/> works with.</summary>
/// <param name="History">The learner's history.</param>
/// <param name="State">This plugin's state for the learner (<see cref="PluginState.Empty"/> if it has observed nothing).</param>
/// <param name="Now">The current time, from the host's clock: probabilities that decay (recall, forgetting) are as of now.</param>
public sealed record DescriptionContext(LearnerHistory History, PluginState State, DateTimeOffset Now)
{
    /// <summary>The serving model of an <see cref="ITrainableStrategy"/>, or <c>null</c>.</summary>
    public IStrategyModel? Model { get; init; }
}
