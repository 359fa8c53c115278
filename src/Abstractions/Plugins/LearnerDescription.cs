namespace Attune.Plugins;

/// <summary>
/// What a plugin knows about one learner, as <see cref="IDescribesLearner.Describe"/> returns it: plain numbers and
/// dates the host can serialize without the plugin's types.
/// </summary>
/// <param name="Skills">One entry per skill the plugin traces for the learner, in the order to show them.</param>
/// <param name="Items">One entry per item the plugin traces for the learner, in the order to show them.</param>
public sealed record LearnerDescription(IReadOnlyList<SkillDescription> Skills, IReadOnlyList<ItemDescription> Items)
{
    /// <summary>Nothing known yet.</summary>
    public static LearnerDescription Empty { get; } = new([], []);
}
