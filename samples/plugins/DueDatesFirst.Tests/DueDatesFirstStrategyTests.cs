using System.Buffers.Binary;
using Attune.Plugins;
using Attune.Plugins.Testing;

namespace Attune.Samples.DueDatesFirst.Tests;

/// <remarks>The bench's clock starts on Wednesday 2 December 2026 at 09:00 UTC.</remarks>
public sealed class DueDatesFirstStrategyTests
{
    private static readonly DateTimeOffset Wednesday = PluginTestBench.DefaultStart;

    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _bio = new TestCourse("bio101", classmates: 12)
        .Item("lab-report", minutes: 20, dueAt: new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero))
        .Item("quiz-4", minutes: 10, dueAt: new DateTimeOffset(2026, 12, 3, 23, 59, 0, TimeSpan.Zero))
        .Item("essay", minutes: 30, dueAt: new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero))
        .Item("reading", minutes: 15)
        .Item("video", minutes: 5)
        .Item("old-quiz", minutes: 10, dueAt: new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero))
        .Item("final", minutes: 60, dueAt: new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero));

    /// <summary>What a recommender might say, best first: deadlines are the last thing it thinks of.</summary>
    private IReadOnlyList<ScoredCandidate> Recommended => _bio.Ranked("video", "reading", "final", "old-quiz", "essay", "quiz-4", "lab-report");

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(DueDatesFirstStrategy));

        Assert.NotNull(_bench.Create<DueDatesFirstStrategy>());
    }

    [Fact]
    public void OverdueItemsComeFirstThenTheNearestDeadlinesThenTheRestByScore()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();

        var plan = _bench.Learner("alice").Plan(strategy, Recommended);

        Assert.Equal(["lab-report", "quiz-4", "essay", "video", "reading", "final", "old-quiz"], plan.ItemIds());
    }

    [Fact]
    public void ReasonsSayTheDeadlineInWords()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();

        var plan = _bench.Learner("alice").Plan(strategy, Recommended);

        Assert.Equal("Was due Monday 30 Nov, 2 days ago: catch up on it first.", plan.StepFor("lab-report").Reason);
        Assert.Equal("Due tomorrow, Thursday 3 Dec.", plan.StepFor("quiz-4").Reason);
        Assert.Equal("Due Friday 4 Dec: 2 days left.", plan.StepFor("essay").Reason);
        Assert.Equal("Due Wednesday 30 Dec. Recommended next in bio101.", plan.StepFor("final").Reason);
        Assert.Equal("Recommended next in bio101.", plan.StepFor("video").Reason);
    }

    [Fact]
    public void DeadlinesLaterTodayAndNextYearAreSaidPlainly()
    {
        var course = new TestCourse("bio101")
            .Item("today", dueAt: Wednesday.AddHours(8))
            .Item("soon", dueAt: Wednesday.AddMinutes(40))
            .Item("this-morning", dueAt: Wednesday.AddHours(-1));
        var strategy = _bench.Create<DueDatesFirstStrategy>();

        var plan = _bench.Learner("alice").Plan(strategy, course.Ranked("today", "soon", "this-morning"));

        Assert.Equal("Due today at 17:00 UTC: 8 hours left.", plan.StepFor("today").Reason);
        Assert.Equal("Due today at 09:40 UTC: less than an hour left.", plan.StepFor("soon").Reason);
        Assert.Equal("Was due today at 08:00 UTC: catch up on it first.", plan.StepFor("this-morning").Reason);

        var newYear = new PluginTestBench(new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.Zero));
        var exam = new TestCourse("bio101").Item("exam", dueAt: new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));
        var examPlan = newYear.Learner("alice").Plan(newYear.Create<DueDatesFirstStrategy>(), exam.Ranked("exam"));
        Assert.Equal("Due Monday 4 Jan 2027: 5 days left.", examPlan.StepFor("exam").Reason);
    }

    [Fact]
    public void ThePlanFitsTheMinutesAndTheLimit()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice");

        // 20 + 10 fit; the 30-minute essay does not, the 5-minute video does; reading (15) and final (60) do not; old-quiz (10) does.
        var withinBudget = alice.Plan(strategy, Recommended, budgetMinutes: 45);
        var withinLimit = alice.Plan(strategy, Recommended, limit: 2);

        Assert.Equal(["lab-report", "quiz-4", "video", "old-quiz"], withinBudget.ItemIds());
        Assert.Equal(45, withinBudget.TotalMinutes());
        Assert.Equal(["lab-report", "quiz-4"], withinLimit.ItemIds());
    }

    [Fact]
    public void FinishedItemsAreNotPlanned()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice").Submitted(_bio["quiz-4"], at: Wednesday.AddHours(-2));

        var plan = alice.Plan(strategy, Recommended);

        Assert.DoesNotContain("quiz-4", plan.ItemIds());
    }

    [Fact]
    public void EqualDeadlinesKeepTheOrderTheCandidatesCameIn()
    {
        var due = Wednesday.AddDays(3);
        var course = new TestCourse("bio101").Item("a", dueAt: due).Item("b", dueAt: due).Item("c", dueAt: due);
        var strategy = _bench.Create<DueDatesFirstStrategy>();

        Assert.Equal(["b", "c", "a"], _bench.Learner("alice").Plan(strategy, course.Ranked("b", "c", "a")).ItemIds());
    }

    [Fact]
    public void TheHorizonAndTheOverdueWindowComeFromSettings()
    {
        _bench.Settings["HorizonDays"] = "2";
        _bench.Settings["OverdueDays"] = "0";
        var strategy = _bench.Create<DueDatesFirstStrategy>();

        var plan = _bench.Learner("alice").Plan(strategy, Recommended);

        // Only quiz-4 (39 hours away) is due within two days; the essay (56 hours) and overdue items wait their turn by score.
        Assert.Equal(["quiz-4", "video", "reading", "final", "old-quiz", "essay", "lab-report"], plan.ItemIds());
    }

    [Fact]
    public void ADeadlineCloserThanTheLearnerUsuallyNeedsSaysToStartToday()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice");
        var earlier = new TestCourse("bio101").Item("w1").Item("w2").Item("w3");
        foreach (var (item, day) in new[] { ("w1", 20), ("w2", 15), ("w3", 10) })
        {
            alice.Viewed(earlier[item], at: Wednesday.AddDays(-day));
            alice.Completed(earlier[item], at: Wednesday.AddDays(-day + 2)); // two days from first look to done
        }

        var plan = alice.Plan(strategy, Recommended);

        Assert.Equal(
            "Due tomorrow, Thursday 3 Dec. You usually finish an item about 2 days after first opening it, so start today.",
            plan.StepFor("quiz-4").Reason);
        Assert.Equal("Due Friday 4 Dec: 2 days left.", plan.StepFor("essay").Reason); // 56 hours left is enough
    }

    [Fact]
    public void TheStateCountsEachFinishedItemOnceWhateverTheEvents()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice");

        alice.Viewed(_bio["essay"], at: Wednesday.AddHours(-10))
            .Submitted(_bio["essay"], at: Wednesday.AddHours(-4))
            .Graded(_bio["essay"], 0.8, at: Wednesday.AddHours(-1))
            .Completed(_bio["essay"], at: Wednesday.AddHours(-6)); // arrives late, and earlier than the submission

        var pace = FinishingPace.Read(alice.StateOf(strategy), alice.History, out var upgraded);
        Assert.False(upgraded);
        Assert.Equal(FinishingPace.CurrentVersion, alice.StateOf(strategy).Version);
        Assert.Equal(new FinishingPace(1, 4), pace);
    }

    [Fact]
    public void ReplayingTheEventsGivesTheSameState()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice")
            .Viewed(_bio["essay"], at: Wednesday.AddDays(-3))
            .Completed(_bio["essay"], at: Wednesday.AddDays(-1))
            .Viewed(_bio["video"]);

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void AStateWrittenByVersion1IsUpgradedFromTheHistory()
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice")
            .Viewed(_bio["essay"], at: Wednesday.AddDays(-3))
            .Completed(_bio["essay"], at: Wednesday.AddDays(-1));
        var version1 = new byte[4]; // DueDatesFirst 1.x kept only the number of finished items
        BinaryPrimitives.WriteInt32LittleEndian(version1, 1);
        alice.Store(strategy, new PluginState(1, version1));

        var planned = alice.Plan(strategy, Recommended);
        alice.Viewed(_bio["video"]);

        Assert.NotEmpty(planned.Steps);
        var state = alice.StateOf(strategy);
        Assert.Equal(2, state.Version);
        Assert.Equal(new FinishingPace(1, 48), FinishingPace.Read(state, alice.History, out _));
        Assert.Contains(_bench.Logger.Entries, e => e.Message == "Upgraded a learner's state from version 1 to 2");
    }

    [Theory]
    [InlineData(3, new byte[] { 1, 2, 3 })]
    [InlineData(2, new byte[] { 1, 2, 3 })]
    [InlineData(2, new byte[] { 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void AStateThisVersionCannotReadIsRebuiltFromTheHistory(int version, byte[] data)
    {
        var strategy = _bench.Create<DueDatesFirstStrategy>();
        var alice = _bench.Learner("alice").Completed(_bio["video"], at: Wednesday.AddHours(-1));
        alice.Store(strategy, new PluginState(version, data));

        alice.Viewed(_bio["reading"]);

        Assert.Equal(new FinishingPace(1, 0), FinishingPace.Read(alice.StateOf(strategy), alice.History, out var upgraded));
        Assert.False(upgraded);
    }

    [Fact]
    public void TheExampleInTheWritingPluginsGuideHolds()
    {
        var bench = new PluginTestBench();
        bench.Settings["HorizonDays"] = "7";
        var strategy = bench.Create<DueDatesFirstStrategy>();
        var course = new TestCourse("bio101", classmates: 12)
            .Item("essay", minutes: 30, dueAt: bench.Now.AddDays(2), title: "Essay")
            .Item("video", minutes: 5, peersEngaged: 9);
        var alice = bench.Learner("alice")
            .Viewed(course["essay"], at: bench.Now.AddDays(-1))
            .Completed(course["video"]);

        var plan = alice.Plan(strategy, course.Ranked("video", "essay"), budgetMinutes: 45);

        Assert.Equal(["essay"], plan.ItemIds());
        Assert.Equal("Due Friday 4 Dec: 2 days left.", plan.StepFor("essay").Reason);
        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Theory]
    [InlineData("HorizonDays", "-1", "HorizonDays must be a number of days of at least 0")]
    [InlineData("OverdueDays", "NaN", "OverdueDays must be a number of days of at least 0")]
    [InlineData("PaceAfterFinishedItems", "0", "PaceAfterFinishedItems must be at least 1")]
    public void SettingsThatCannotWorkStopThePluginLoading(string key, string value, string message)
    {
        _bench.Settings[key] = value;

        var refused = Assert.Throws<PluginContractException>(_bench.Create<DueDatesFirstStrategy>);

        Assert.Contains($"Attune:Plugins:Settings:due-dates-first: {message}.", refused.Message);
    }
}
