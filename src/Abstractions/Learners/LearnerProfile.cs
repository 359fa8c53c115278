namespace Attune.Learners;

/// <summary>What a learner told Attune about themselves: goals, interests, and how many minutes a day they can give.</summary>
/// <param name="Goals">Free-text or id goals, e.g. a course to pass or a skill to master.</param>
/// <param name="Interests">Skills or courses the learner wants more of.</param>
/// <param name="MinutesPerDay">The learner's daily attention budget; <c>null</c> when unknown.</param>
public sealed record LearnerProfile(IReadOnlyList<string> Goals, IReadOnlyList<string> Interests, double? MinutesPerDay)
{
    /// <summary>A learner who has said nothing yet.</summary>
    public static LearnerProfile Empty { get; } = new([], [], null);
}
