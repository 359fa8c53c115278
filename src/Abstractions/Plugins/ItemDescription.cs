namespace Attune.Plugins;

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
