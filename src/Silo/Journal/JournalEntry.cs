namespace Attune.Silo.Journal;

/// <summary>
/// One journaled event as a learner grain receives it: the event plus its place in the learner's sequence.
/// This is the Orleans-serialized twin of <see cref="LearningEvent"/>, which lives in the BCL-only SDK.
/// </summary>
[GenerateSerializer, Immutable, Alias("attune.journal-entry")]
public sealed record JournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Source,
    [property: Id(2)] string EventId,
    [property: Id(3)] string Item,
    [property: Id(4)] string? Course,
    [property: Id(5)] string Kind,
    [property: Id(6)] double? Score,
    [property: Id(7)] double? DurationSeconds,
    [property: Id(8)] DateTime Timestamp,
    [property: Id(9)] string[] Skills)
{
    public static JournalEntry From(LearningEvent e, long sequence) => new(
        sequence,
        e.Source,
        e.Id,
        e.Item.Value,
        e.Course?.Value,
        e.Kind.Name,
        e.Score,
        e.DurationSeconds,
        e.Timestamp.UtcDateTime,
        e.Skills.Count == 0 ? [] : e.Skills.Select(s => s.Value).ToArray());

    public LearningEvent ToLearningEvent(LearnerId learner) => new(
        EventId,
        learner,
        new ItemId(Item),
        new EventKind(Kind),
        new DateTimeOffset(Timestamp, TimeSpan.Zero),
        Course is null ? null : new CourseId(Course),
        Score,
        DurationSeconds,
        Skills.Select(s => new SkillId(s)).ToArray(),
        Source);
}
