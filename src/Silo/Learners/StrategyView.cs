using Attune.Plugins;

namespace Attune.Silo.Learners;

/// <summary>
/// What one strategy knows about the learner, on the learner model: its <see cref="LearnerDescription"/> in host types
/// (the host never holds a plugin's types), or why it could not say.
/// </summary>
/// <param name="Plugin"><c>name@version</c>.</param>
/// <param name="ModelVersion">The fitted model version the description was made with, for a trainable strategy that has one.</param>
/// <param name="Skills">Mastery per skill, in the plugin's order.</param>
/// <param name="Items">Recall, due date or mastery per item, in the plugin's order.</param>
/// <param name="Failure">Why the plugin could not describe the learner (then both lists are empty), or null.</param>
[GenerateSerializer, Immutable, Alias("attune.strategy-view")]
public sealed record StrategyView(
    [property: Id(0)] string Plugin,
    [property: Id(1)] long? ModelVersion,
    [property: Id(2)] IReadOnlyList<SkillStateView> Skills,
    [property: Id(3)] IReadOnlyList<ItemStateView> Items,
    [property: Id(4)] string? Failure)
{
    public static StrategyView From(string plugin, long? modelVersion, LearnerDescription description) => new(
        plugin,
        modelVersion,
        description.Skills.Select(s => new SkillStateView(s.Skill.Value, Probability(s.Mastery), s.LastPracticed?.UtcDateTime, Values(s.Values))).ToList(),
        description.Items.Select(i => new ItemStateView(i.Item.Value, Probability(i.Mastery), Probability(i.Recall), i.DueAt?.UtcDateTime,
            i.LastPracticed?.UtcDateTime, Values(i.Values))).ToList(),
        null);

    public static StrategyView Failed(string plugin, long? modelVersion, string failure) => new(plugin, modelVersion, [], [], failure);

    /// <summary>Why a description breaks the host's rules (<see cref="HostRules.DescriptionProblem"/>), or null.</summary>
    public static string? Problem(LearnerDescription? description) => HostRules.DescriptionProblem(description);

    // Four decimals are finer than anything a learner or a dashboard reads from a probability; values keep six.
    private static double Probability(double p) => Math.Round(p, 4);

    private static double? Probability(double? p) => p is { } x ? Math.Round(x, 4) : null;

    private static Dictionary<string, double> Values(IReadOnlyDictionary<string, double> values) =>
        values.ToDictionary(p => p.Key, p => Math.Round(p.Value, 6), StringComparer.Ordinal);
}

/// <summary>One skill of a <see cref="StrategyView"/>.</summary>
[GenerateSerializer, Immutable, Alias("attune.skill-state-view")]
public sealed record SkillStateView(
    [property: Id(0)] string Skill,
    [property: Id(1)] double Mastery,
    [property: Id(2)] DateTime? LastPracticed,
    [property: Id(3)] IReadOnlyDictionary<string, double> Values);

/// <summary>One item of a <see cref="StrategyView"/>.</summary>
[GenerateSerializer, Immutable, Alias("attune.item-state-view")]
public sealed record ItemStateView(
    [property: Id(0)] string Item,
    [property: Id(1)] double? Mastery,
    [property: Id(2)] double? Recall,
    [property: Id(3)] DateTime? DueAt,
    [property: Id(4)] DateTime? LastPracticed,
    [property: Id(5)] IReadOnlyDictionary<string, double> Values);
