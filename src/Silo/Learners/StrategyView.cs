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

    /// <summary>
    /// Why a description breaks the rules the host shows it under, or null: probabilities in 0..1, finite named values,
    /// each skill and item once.
    /// </summary>
    public static string? Problem(LearnerDescription? description)
    {
        if (description?.Skills is null || description.Items is null)
        {
            return "no description, or no skills or items list";
        }
        var skills = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in description.Skills)
        {
            if (s?.Skill.Value is not { } id)
            {
                return "a null skill entry or skill id";
            }
            if (!skills.Add(id))
            {
                return $"skill {id} listed twice";
            }
            if (!IsProbability(s.Mastery))
            {
                return $"mastery {s.Mastery} of skill {id} is not a probability";
            }
            if (ValuesProblem(s.Values) is { } problem)
            {
                return $"skill {id}: {problem}";
            }
        }
        var items = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in description.Items)
        {
            if (i?.Item.Value is not { } id)
            {
                return "a null item entry or item id";
            }
            if (!items.Add(id))
            {
                return $"item {id} listed twice";
            }
            if ((i.Mastery is { } m && !IsProbability(m)) || (i.Recall is { } r && !IsProbability(r)))
            {
                return $"mastery or recall of item {id} is not a probability";
            }
            if (ValuesProblem(i.Values) is { } problem)
            {
                return $"item {id}: {problem}";
            }
        }
        return null;
    }

    private static string? ValuesProblem(IReadOnlyDictionary<string, double>? values)
    {
        if (values is null)
        {
            return "no values";
        }
        foreach (var (name, value) in values)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "a value without a name";
            }
            if (!double.IsFinite(value))
            {
                return $"value {name} is {value}";
            }
        }
        return null;
    }

    private static bool IsProbability(double p) => p is >= 0 and <= 1;

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
