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

/// <summary>One skill of a <see cref="LearnerDescription"/>.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="Mastery">The probability, 0 to 1, that the learner has mastered the skill now: the estimate the plugin plans with.</param>
public sealed record SkillDescription(SkillId Skill, double Mastery)
{
    /// <summary>When the learner last had an opportunity on the skill, if known.</summary>
    public DateTimeOffset? LastPracticed { get; init; }

    /// <summary>
    /// Other named numbers worth showing (other estimates, counts, parameters), e.g. <c>answers</c>; each finite.
    /// Name them in camelCase: the host shows the names as they are.
    /// </summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
}

/// <summary>One item of a <see cref="LearnerDescription"/>.</summary>
/// <param name="Item">The item.</param>
public sealed record ItemDescription(ItemId Item)
{
    /// <summary>The probability, 0 to 1, that the learner would recall the item now (spaced repetition), if the plugin estimates it.</summary>
    public double? Recall { get; init; }

    /// <summary>The probability, 0 to 1, that the learner has mastered the item, for plugins that trace an item without skills as its own skill.</summary>
    public double? Mastery { get; init; }

    /// <summary>When the item is next due for review, if the plugin schedules it.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the learner last worked on the item, as far as the plugin counted it.</summary>
    public DateTimeOffset? LastPracticed { get; init; }

    /// <summary>Other named numbers worth showing (stability, difficulty, reviews, ...); each finite, names in camelCase.</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
}
