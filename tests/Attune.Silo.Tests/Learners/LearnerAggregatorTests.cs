using Attune.Silo.Journal;
using Attune.Silo.Learners;

namespace Attune.Silo.Tests.Learners;

public sealed class LearnerAggregatorTests
{
    private readonly LearnerState _state = new();

    [Fact]
    public void ALateEventMovesFirstSeenBackButCannotOverwriteANewerScore()
    {
        Apply(Events.Make("new", kind: "graded", score: 0.9, at: Events.T0.AddDays(2)));
        Apply(Events.Make("old", kind: "graded", score: 0.4, at: Events.T0));

        var item = _state.Items["quiz-1"];
        Assert.Equal(0.9, item.LastScore);
        Assert.Equal(0.9, item.BestScore);
        Assert.Equal(Events.T0.UtcDateTime, item.FirstSeen);
        Assert.Equal(Events.T0.AddDays(2).UtcDateTime, item.LastSeen);
        Assert.Equal(Events.T0.UtcDateTime, item.FinishedAt);
        Assert.Equal(Events.T0.UtcDateTime, _state.FirstActivity);
    }

    [Fact]
    public void MinutesAreCountedOnTheDayTheLearnerSpentThem()
    {
        Apply(Events.Make("a", seconds: 600, at: Events.T0));
        Apply(Events.Make("b", item: "video", seconds: 300, at: Events.T0.AddDays(1)));
        Apply(Events.Make("c", seconds: 60, at: Events.T0.AddHours(1)));

        var model = LearnerAggregator.ToModel("alice", _state);
        Assert.Equal([(new DateOnly(2026, 11, 1), 11.0), (new DateOnly(2026, 11, 2), 5.0)],
            model.MinutesByDay.Select(d => (d.Date, d.Minutes)));
        Assert.Equal(11, model.Items.Single(i => i.Item == "quiz-1").Minutes);
    }

    [Fact]
    public void AnItemIsFinishedOnceInItsCourseHoweverOftenItIsCompleted()
    {
        Apply(Events.Make("a", kind: "viewed"));
        Apply(Events.Make("b", kind: "submitted"));
        Apply(Events.Make("c", kind: "graded", score: 0.7));
        Apply(Events.Make("d", kind: "completed"));
        Apply(Events.Make("e", item: "video", kind: "viewed"));

        var course = _state.Courses["bio101"];
        Assert.Equal(2, course.ItemsTouched);
        Assert.Equal(1, course.ItemsFinished);
        Assert.Equal(5, course.Events);
        Assert.Equal(1, _state.Items["quiz-1"].Attempts);
    }

    [Fact]
    public void AnItemWhoseCourseArrivesLaterJoinsThatCourse()
    {
        Apply(Events.Make("a", kind: "completed", course: null));
        Apply(Events.Make("b", kind: "viewed"));

        Assert.Equal("bio101", _state.Items["quiz-1"].Course);
        Assert.Equal(1, _state.Courses["bio101"].ItemsTouched);
        Assert.Equal(1, _state.Courses["bio101"].ItemsFinished);
    }

    [Fact]
    public void EventsOutOfSequenceAreRefused()
    {
        var entry = JournalEntry.From(Events.Make("a"), sequence: 2);

        Assert.Throws<InvalidOperationException>(() => LearnerAggregator.Apply(_state, entry));
        Assert.Equal(0, _state.EventsApplied);
    }

    private void Apply(LearningEvent e) => LearnerAggregator.Apply(_state, JournalEntry.From(e, _state.LastSequence + 1));
}
