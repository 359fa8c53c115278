using Attune.Learners;

namespace Attune.Silo.Learners;

/// <summary>The learner model as the API returns it (<c>GET /api/v1/learners/{learner}</c>).</summary>
[GenerateSerializer, Immutable, Alias("attune.learner-model")]
public sealed record LearnerModel(
    [property: Id(0)] string Learner,
    [property: Id(1)] long EventsApplied,
    [property: Id(2)] long LastSequence,
    [property: Id(3)] DateTime? FirstActivity,
    [property: Id(4)] DateTime? LastActivity,
    [property: Id(5)] IReadOnlyDictionary<string, long> CountsByKind,
    [property: Id(6)] IReadOnlyList<CourseProgressView> Courses,
    [property: Id(7)] IReadOnlyList<ItemProgressView> Items,
    [property: Id(8)] IReadOnlyList<DailyMinutes> MinutesByDay,
    [property: Id(9)] ProfileView Profile,
    [property: Id(10)] IReadOnlyList<EmbeddingView> Embeddings,
    [property: Id(11)] IReadOnlyList<StrategyView> Strategies)
{
    public static LearnerModel From(
        LearnerHistory h, long lastSequence, ProfileView profile, IReadOnlyDictionary<string, StoredEmbedding> embeddings, IReadOnlyList<StrategyView> strategies) => new(
        h.Learner.Value,
        h.EventsApplied,
        lastSequence,
        h.FirstActivity?.UtcDateTime,
        h.LastActivity?.UtcDateTime,
        new SortedDictionary<string, long>(h.CountsByKind.ToDictionary(), StringComparer.Ordinal),
        h.Courses.Values.OrderBy(c => c.Course.Value, StringComparer.Ordinal)
            .Select(c => new CourseProgressView(c.Course.Value, c.Events, c.ItemsTouched, c.ItemsFinished,
                Minutes(c.SecondsOnTask), c.FirstActivity.UtcDateTime, c.LastActivity.UtcDateTime))
            .ToList(),
        h.Items.Values.OrderBy(i => i.Item.Value, StringComparer.Ordinal)
            .Select(i => new ItemProgressView(i.Item.Value, i.Course?.Value, i.FirstSeen.UtcDateTime, i.LastSeen.UtcDateTime, i.Events,
                i.Attempts, i.BestScore, i.LastScore, Minutes(i.SecondsOnTask), i.FinishedAt?.UtcDateTime))
            .ToList(),
        h.SecondsByDay.Select(d => new DailyMinutes(d.Key, Minutes(d.Value))).ToList(),
        profile,
        embeddings.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new EmbeddingView(e.Key, e.Value.ModelVersion, e.Value.PluginVersion, e.Value.Vector.Length)).ToList(),
        strategies);

    private static double Minutes(double seconds) => Math.Round(seconds / 60, 2);
}

[GenerateSerializer, Immutable, Alias("attune.course-progress-view")]
public sealed record CourseProgressView(
    [property: Id(0)] string Course,
    [property: Id(1)] long Events,
    [property: Id(2)] int ItemsTouched,
    [property: Id(3)] int ItemsFinished,
    [property: Id(4)] double Minutes,
    [property: Id(5)] DateTime FirstActivity,
    [property: Id(6)] DateTime LastActivity);

[GenerateSerializer, Immutable, Alias("attune.item-progress-view")]
public sealed record ItemProgressView(
    [property: Id(0)] string Item,
    [property: Id(1)] string? Course,
    [property: Id(2)] DateTime FirstSeen,
    [property: Id(3)] DateTime LastSeen,
    [property: Id(4)] int Events,
    [property: Id(5)] int Attempts,
    [property: Id(6)] double? BestScore,
    [property: Id(7)] double? LastScore,
    [property: Id(8)] double Minutes,
    [property: Id(9)] DateTime? FinishedAt);

/// <summary>Which model (and plugin version) a learner's embedding for one recommender was folded against.</summary>
[GenerateSerializer, Immutable, Alias("attune.embedding-view")]
public sealed record EmbeddingView(
    [property: Id(0)] string Recommender,
    [property: Id(1)] string? ModelVersion,
    [property: Id(2)] string PluginVersion,
    [property: Id(3)] int Dimensions);

[GenerateSerializer, Immutable, Alias("attune.daily-minutes")]
public sealed record DailyMinutes([property: Id(0)] DateOnly Date, [property: Id(1)] double Minutes);
