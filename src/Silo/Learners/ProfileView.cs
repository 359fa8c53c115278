using Attune.Learners;

namespace Attune.Silo.Learners;

/// <summary>A learner profile as it crosses grain calls and the API.</summary>
[GenerateSerializer, Immutable, Alias("attune.profile")]
public sealed record ProfileView(
    [property: Id(0)] IReadOnlyList<string> Goals,
    [property: Id(1)] IReadOnlyList<string> Interests,
    [property: Id(2)] double? MinutesPerDay)
{
    public LearnerProfile ToProfile() => new(Goals, Interests, MinutesPerDay);

    public static ProfileView From(LearnerProfile p) => new(p.Goals, p.Interests, p.MinutesPerDay);
}
