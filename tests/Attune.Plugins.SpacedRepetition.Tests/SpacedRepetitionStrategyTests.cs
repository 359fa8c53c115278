using Attune.Learners;
using Attune.Plugins.SpacedRepetition.Fsrs;
using Attune.Plugins.SpacedRepetition.Learners;
using Attune.Plugins.SpacedRepetition.Tests.Fsrs;
using Attune.Plugins.Testing;

namespace Attune.Plugins.SpacedRepetition.Tests;

/// <remarks>The bench's clock starts on Wednesday 2 December 2026 at 09:00 UTC.</remarks>
public sealed class SpacedRepetitionStrategyTests
{
    private static readonly DateTimeOffset Now = PluginTestBench.DefaultStart;
    private static readonly FsrsScheduler Default = new(FsrsParameters.Default);

    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _course = new TestCourse("bio101")
        .Item("cards-1", minutes: 5)
        .Item("cards-2", minutes: 5)
        .Item("cards-3", minutes: 5)
        .Item("chapter-4", minutes: 20)
        .Item("quiz-2", minutes: 10);

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(SpacedRepetitionStrategy));

        Assert.NotNull(_bench.Create<SpacedRepetitionStrategy>());
    }

    [Theory]
    [InlineData("reviewed", null, Rating.Good)]
    [InlineData("reviewed", 0.3, Rating.Again)]
    [InlineData("answered", 0.49, Rating.Again)]
    [InlineData("answered", 0.5, Rating.Hard)]
    [InlineData("graded", 0.79, Rating.Hard)]
    [InlineData("graded", 0.8, Rating.Good)]
    [InlineData("answered", 1.0, Rating.Good)]
    public void ScoresBecomeRatings(string kind, double? score, Rating rating) =>
        Assert.Equal(rating, new SpacedRepetitionOptions().RatingFor(new EventKind(kind), score));

    [Fact]
    public void EasyComesOnlyFromAConfiguredScoreAndKindsWithoutAScoreAreNotReviews()
    {
        Assert.Equal(Rating.Easy, new SpacedRepetitionOptions { EasyFrom = 0.95 }.RatingFor(EventKind.Graded, 1));
        Assert.Null(new SpacedRepetitionOptions().RatingFor(EventKind.Answered, null));
    }

    [Fact]
    public void MemoryFollowsFsrsOnTheReviewsTheLearnerMade()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var first = Now.AddDays(-10);
        var alice = _bench.Learner("alice")
            .Event(_course["cards-1"], EventKind.Reviewed, first)
            .Event(_course["cards-1"], EventKind.Answered, first.AddDays(3), 0.2)
            .Event(_course["cards-1"], EventKind.Graded, first.AddDays(5), 0.9);

        var expected = Default.Review(null, first, Rating.Good);
        expected = Default.Review(expected, first.AddDays(3), Rating.Again);
        expected = Default.Review(expected, first.AddDays(5), Rating.Good);
        var recall = Assert.Single(strategy.Memory(alice.StateOf(strategy), Now));
        Assert.Equal((expected.Stability, expected.Difficulty, expected.Due), (recall.Stability, recall.Difficulty, recall.Due));
        Assert.Equal((3, 1), (recall.Reviews, recall.Lapses));
        Assert.Equal(Default.Retrievability(expected, Now), recall.Recall, 12);
    }

    [Fact]
    public void DescribeShowsEachItemsRecallDueDateAndMemoryLowestRecallFirst()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var first = Now.AddDays(-10);
        var alice = _bench.Learner("alice")
            .Event(_course["cards-1"], EventKind.Reviewed, first)
            .Event(_course["cards-1"], EventKind.Answered, first.AddDays(3), 0.2)
            .Event(_course["cards-2"], EventKind.Reviewed, Now.AddHours(-2))
            .Event(_course["chapter-4"], EventKind.Viewed, Now.AddHours(-1)); // not a review: not described

        var description = alice.Describe(strategy); // as the host asks, checked against the host's rules

        var expected = Default.Review(Default.Review(null, first, Rating.Good), first.AddDays(3), Rating.Again);
        Assert.Empty(description.Skills);
        Assert.Equal(["cards-1", "cards-2"], description.Items.Select(i => i.Item.Value));
        var cards1 = description.Items[0];
        Assert.Equal(Default.Retrievability(expected, Now), cards1.Recall!.Value, 12);
        Assert.Equal((expected.Due, first.AddDays(3)), (cards1.DueAt!.Value, cards1.LastPracticed!.Value));
        Assert.Equal((expected.Stability, expected.Difficulty), (cards1.Values["stability"], cards1.Values["difficulty"]));
        Assert.Equal((2, 1), (cards1.Values["reviews"], cards1.Values["lapses"]));
        Assert.Null(cards1.Mastery);
        Assert.True(description.Items[1].Recall > cards1.Recall, "reviewed two hours ago, so recalled better");
    }

    [Fact]
    public void OnlyTheFirstReviewOfAnItemOnADayCountsAndOlderEventsAreIgnored()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var first = Now.AddDays(-3);
        var alice = _bench.Learner("alice")
            .Event(_course["cards-1"], EventKind.Answered, first, 1)
            .Event(_course["cards-1"], EventKind.Answered, first.AddMinutes(3), 0) // after the feedback of the first
            .Event(_course["cards-1"], EventKind.Answered, first.AddDays(-1), 0)   // late, and older
            .Event(_course["cards-1"], EventKind.Viewed, first.AddDays(1));        // not a review

        var recall = Assert.Single(strategy.Memory(alice.StateOf(strategy), Now));
        Assert.Equal(1, recall.Reviews);
        Assert.Equal(Default.Review(null, first, Rating.Good).Stability, recall.Stability);
    }

    [Fact]
    public void DueReviewsComeFirstLowestRecallFirstAndSayHowFarRecallHasFallen()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var good = Default.Review(null, Now, Rating.Good);
        // Days after which recall of a first Good review has fallen to 72%, from R(t) = (1 + factor·t/S)^(−w20).
        var decay = -FsrsParameters.DefaultWeights[20];
        var factor = Math.Pow(0.9, 1 / decay) - 1;
        var daysTo72 = good.Stability * (Math.Pow(0.72, 1 / decay) - 1) / factor;
        var alice = _bench.Learner("alice")
            .Event(_course["cards-1"], EventKind.Reviewed, Now.AddDays(-daysTo72))
            .Event(_course["cards-2"], EventKind.Reviewed, Now.AddDays(-4))
            .Event(_course["cards-3"], EventKind.Reviewed, Now.AddHours(-2));

        var plan = alice.Plan(strategy, _course.Ranked("chapter-4", "cards-3", "cards-2", "quiz-2", "cards-1"));

        Assert.Equal(["cards-1", "cards-2", "chapter-4", "quiz-2", "cards-3"], plan.ItemIds());
        Assert.Equal("review now: recall has fallen to 72%", plan.StepFor("cards-1").Reason);
        Assert.StartsWith("review now: recall has fallen to 8", plan.StepFor("cards-2").Reason);
        // A first Good review is due in 3 days, not round(S0) = 2: ts-fsrs keeps I(Hard) = 2 < I(Good).
        Assert.Equal("reviewed recently: recall 99%, next review Saturday 5 Dec", plan.StepFor("cards-3").Reason);
        Assert.Equal("new to you: next in bio101", plan.StepFor("quiz-2").Reason);
    }

    [Fact]
    public void ItemsForgottenAgainAndAgainWaitBehindNewMaterial()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var alice = _bench.Learner("alice");
        for (var day = 10; day >= 5; day--)
        {
            alice.Event(_course["cards-1"], EventKind.Answered, Now.AddDays(-day), 0);
        }

        var plan = alice.Plan(strategy, _course.Ranked("cards-1", "quiz-2"));

        Assert.Equal(["quiz-2", "cards-1"], plan.ItemIds());
        Assert.StartsWith("relearn this: forgotten 5 times, recall ", plan.StepFor("cards-1").Reason);
    }

    [Fact]
    public void ThePlanFitsWhatIsLeftOfTheLearnersDayAndTheLimit()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var alice = _bench.Learner("alice");
        alice.Profile = new LearnerProfile([], [], MinutesPerDay: 30);
        alice.Event(_course["quiz-2"], EventKind.Graded, Now.AddHours(-1), 0.9, minutes: 18);

        var plan = alice.Plan(strategy, _course.Ranked("chapter-4", "cards-1", "cards-2", "cards-3"));
        var limited = alice.Plan(strategy, _course.Ranked("chapter-4", "cards-1", "cards-2", "cards-3"), budgetMinutes: 7, limit: 1);

        Assert.Equal(["cards-1", "cards-2"], plan.ItemIds());
        Assert.Equal(["cards-1"], limited.ItemIds());
    }

    [Fact]
    public void ALearnerWithEnoughReviewsGetsTheirOwnWeightsOnlyWhenTheyPredictBetter()
    {
        var weights = FsrsParameters.DefaultWeights.ToArray();
        weights[2] = 0.6;
        weights[8] = 1.0;
        var log = FsrsOptimizerTests.Simulate(new FsrsParameters(weights), items: 40, days: 120, seed: 3);
        var tracker = new SpacedRepetitionTracker(new SpacedRepetitionOptions { FitAfterReviews = log.Count - 1 });
        var state = new SpacedRepetitionState();
        var learner = new LearnerId("alice");

        foreach (var (r, i) in log.Select((r, i) => (r, i)))
        {
            var at = new DateTimeOffset(DateOnly.FromDayNumber(r.Day), new TimeOnly(18, 0), TimeSpan.Zero);
            tracker.Observe(state, new LearningEvent($"e{i}", learner, new ItemId(r.Item), EventKind.Answered, at, score: r.Rating == Rating.Good ? 1 : 0), out _);
        }

        var expected = FsrsOptimizer.Fit(state.Log.Take(log.Count - 1).ToList(), FsrsParameters.Default);
        Assert.True(expected.Accepted);
        Assert.NotNull(state.Personal);
        Assert.Equal(expected.Weights, state.Personal.Weights);
        Assert.True(state.Personal.HeldOutLogLossAfter < state.Personal.HeldOutLogLossBefore);
        Assert.NotSame(FsrsParameters.Default, tracker.SchedulerFor(state).Parameters);
    }

    [Fact]
    public void ReplayingTheEventsGivesTheSameState()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var alice = _bench.Learner("alice")
            .Event(_course["cards-1"], EventKind.Reviewed, Now.AddDays(-9))
            .Event(_course["cards-2"], EventKind.Answered, Now.AddDays(-8), 0.6)
            .Event(_course["cards-1"], EventKind.Graded, Now.AddDays(-2), 0.3)
            .Event(_course["cards-1"], EventKind.Reviewed, Now.AddDays(-3));

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void AStateThisVersionCannotReadStartsTheLearnerAfreshAndIsLoggedOnce()
    {
        var strategy = _bench.Create<SpacedRepetitionStrategy>();
        var alice = _bench.Learner("alice").Event(_course["cards-1"], EventKind.Reviewed, Now.AddDays(-2));
        alice.Store(strategy, new PluginState(42, new byte[] { 9, 9 }));

        alice.Event(_course["cards-2"], EventKind.Reviewed, Now.AddDays(-1)).Event(_course["cards-3"], EventKind.Reviewed, Now.AddDays(-1));

        Assert.Equal(["cards-2", "cards-3"], strategy.Memory(alice.StateOf(strategy), Now).Select(m => m.Item).Order());
        Assert.Single(_bench.Logger.Entries, e => e.Level == PluginLogLevel.Warning);
    }

    [Theory]
    [InlineData("RequestRetention", "1.2", "RequestRetention must be a probability")]
    [InlineData("Weights", "1,2,3", "Weights: FSRS-6 needs 21 weights")]
    [InlineData("GoodFrom", "0.3", "score thresholds")]
    public void SettingsThatCannotWorkStopThePluginLoading(string key, string value, string message)
    {
        _bench.Settings[key] = value;

        var refused = Assert.Throws<PluginContractException>(_bench.Create<SpacedRepetitionStrategy>);

        Assert.Contains(message, refused.Message);
    }
}
