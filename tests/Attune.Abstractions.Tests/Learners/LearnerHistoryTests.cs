using Attune.Learners;

namespace Attune.Abstractions.Tests.Learners;

public sealed class LearnerHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly LearnerHistory _history = new(new LearnerId("alice"));

    [Fact]
    public void ALateEventMovesFirstSeenBackButCannotOverwriteANewerScore()
    {
        Apply("new", kind: "graded", score: 0.9, at: T0.AddDays(2));
        Apply("old", kind: "graded", score: 0.4, at: T0);

        var item = _history.Items[new ItemId("quiz-1")];
        Assert.Equal(0.9, item.LastScore);
        Assert.Equal(0.9, item.BestScore);
        Assert.Equal(T0, item.FirstSeen);
        Assert.Equal(T0.AddDays(2), item.LastSeen);
        Assert.Equal(T0, item.FinishedAt);
        Assert.Equal(T0, _history.FirstActivity);
        Assert.Equal((2, 1), (item.ScoredEvents, item.Successes));
    }

    [Fact]
    public void MinutesAreCountedOnTheDayTheLearnerSpentThem()
    {
        Apply("a", seconds: 600, at: T0);
        Apply("b", item: "video", seconds: 300, at: T0.AddDays(1));
        Apply("c", seconds: 60, at: T0.AddHours(1));

        Assert.Equal([(new DateOnly(2026, 11, 1), 660.0), (new DateOnly(2026, 11, 2), 300.0)],
            _history.SecondsByDay.Select(d => (d.Key, d.Value)));
        Assert.Equal(11, _history.MinutesOn(new DateOnly(2026, 11, 1)));
        Assert.Equal(660, _history.Items[new ItemId("quiz-1")].SecondsOnTask);
    }

    [Fact]
    public void AnItemIsFinishedOnceInItsCourseHoweverOftenItIsCompleted()
    {
        Apply("a", kind: "viewed");
        Apply("b", kind: "submitted");
        Apply("c", kind: "graded", score: 0.7);
        Apply("d", kind: "completed");
        Apply("e", item: "video", kind: "viewed");

        var course = _history.Courses[new CourseId("bio101")];
        Assert.Equal(2, course.ItemsTouched);
        Assert.Equal(1, course.ItemsFinished);
        Assert.Equal(5, course.Events);
        Assert.Equal(1, _history.Items[new ItemId("quiz-1")].Attempts);
        Assert.Equal(5, _history.EventsApplied);
    }

    [Fact]
    public void AnItemWhoseCourseArrivesLaterJoinsThatCourse()
    {
        Apply("a", kind: "completed", course: null);
        Apply("b", kind: "viewed");

        Assert.Equal(new CourseId("bio101"), _history.Items[new ItemId("quiz-1")].Course);
        Assert.Equal(1, _history.Courses[new CourseId("bio101")].ItemsTouched);
        Assert.Equal(1, _history.Courses[new CourseId("bio101")].ItemsFinished);
    }

    [Fact]
    public void AnotherLearnersEventIsRefused()
    {
        var e = new LearningEvent("x", new LearnerId("bob"), new ItemId("i"), EventKind.Viewed, T0);

        Assert.Throws<ArgumentException>(() => _history.Apply(e));
        Assert.Equal(0, _history.EventsApplied);
    }

    [Fact]
    public void TheHistoryRoundTripsThroughItsBytes()
    {
        Apply("a", kind: "graded", score: 0.3, seconds: 120, at: T0);
        Apply("b", item: "video", kind: "viewed", course: "chem1", seconds: 30, at: T0.AddDays(3));
        Apply("c", kind: "reviewed", at: T0.AddDays(4));

        var copy = LearnerHistory.FromBytes(_history.Learner, _history.ToBytes());

        Assert.Equal(_history.ToBytes(), copy.ToBytes());
        Assert.Equal(_history.EventsApplied, copy.EventsApplied);
        Assert.Equal(_history.CountsByKind, copy.CountsByKind);
        var (a, b) = (_history.Items[new ItemId("quiz-1")], copy.Items[new ItemId("quiz-1")]);
        Assert.Equal((a.LastScore, a.LastScoreAt, a.SecondsOnTask, a.Reviews, a.FinishedAt, a.Course),
            (b.LastScore, b.LastScoreAt, b.SecondsOnTask, b.Reviews, b.FinishedAt, b.Course));
        Assert.Equal(_history.SecondsByDay, copy.SecondsByDay);
        Assert.Equal(2, copy.Courses.Count);
    }

    [Fact]
    public void BytesFromAnUnknownFormatAreRefused()
    {
        var bytes = _history.ToBytes();
        bytes[0] = 99;

        Assert.Throws<FormatException>(() => LearnerHistory.FromBytes(_history.Learner, bytes));
        Assert.Throws<FormatException>(() => LearnerHistory.FromBytes(_history.Learner, bytes.AsSpan(0, 3)));
        Assert.Equal(0, LearnerHistory.FromBytes(_history.Learner, []).EventsApplied);
    }

    private void Apply(string id, string item = "quiz-1", string kind = "viewed", string? course = "bio101",
        double? score = null, double? seconds = null, DateTimeOffset? at = null) =>
        _history.Apply(new LearningEvent(id, _history.Learner, new ItemId(item), new EventKind(kind), at ?? T0,
            course is null ? null : new CourseId(course), score, seconds));
}
