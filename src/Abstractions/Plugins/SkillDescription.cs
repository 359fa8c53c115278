namespace Attune.Plugins;

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
