namespace Attune.Silo.Tests;

/// <summary>Builds events for tests with readable defaults.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static LearningEvent Make(
        string id,
        string learner = "alice",
        string item = "quiz-1",
        string kind = "viewed",
        string? course = "bio101",
        double? score = null,
        double? seconds = null,
        DateTimeOffset? at = null,
        string source = LearningEvent.ApiSource) =>
        new(id, new LearnerId(learner), new ItemId(item), new EventKind(kind), at ?? T0,
            course is null ? null : new CourseId(course), score, seconds, null, source);
}
