using Attune.Learners;
using Attune.Plugins.Testing.Tests.Probes;

namespace Attune.Plugins.Testing.Tests;

public sealed class LearnerReplayTests
{
    private static readonly TestCourse Course = new TestCourse("bio101", classmates: 10)
        .Item("quiz-1", minutes: 10, peersEngaged: 2)
        .Item("quiz-2", minutes: 20, peersEngaged: 8)
        .Item("quiz-3", minutes: 30, peersEngaged: 5);

    [Fact]
    public void EventsBuildTheHistoryWithCourseTimeScoreAndMinutes()
    {
        var bench = new PluginTestBench();
        var alice = bench.Learner("alice");

        alice.Viewed(Course["quiz-1"], minutesOnTask: 3);
        bench.Clock.Advance(TimeSpan.FromHours(1));
        alice.Answered(Course["quiz-1"], score: 0.75, minutesOnTask: 5).Completed(Course["quiz-1"]);

        var quiz = alice.History.Items[new ItemId("quiz-1")];
        Assert.Equal(new CourseId("bio101"), quiz.Course);
        Assert.Equal(PluginTestBench.DefaultStart, quiz.FirstSeen);
        Assert.Equal(PluginTestBench.DefaultStart.AddHours(1), quiz.FinishedAt);
        Assert.Equal(0.75, quiz.LastScore);
        Assert.Equal(8 * 60, quiz.SecondsOnTask);
        Assert.Equal(3, alice.Events.Count);
        Assert.Equal(1, alice.History.Courses[new CourseId("bio101")].ItemsFinished);
    }

    [Fact]
    public void AnotherLearnersEventIsRefused()
    {
        var bench = new PluginTestBench();
        var bobs = new LearningEvent("b1", new LearnerId("bob"), new ItemId("quiz-1"), EventKind.Viewed, bench.Now);

        Assert.Throws<ArgumentException>(() => bench.Learner("alice").Apply(bobs));
    }

    [Fact]
    public void AStrategySeesEachEventAfterTheHistoryHasIt()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var seen = new List<long>();
        strategy.OnObserve = (state, e, history) =>
        {
            seen.Add(history.EventsApplied);
            return ScriptedStrategy.CountEvents(state, e, history);
        };

        bench.Learner("alice").Viewed(Course["quiz-1"]).Viewed(Course["quiz-2"]).Completed(Course["quiz-2"]);

        Assert.Equal([1L, 2L, 3L], seen);
        Assert.Equal(3, ScriptedStrategy.Count(bench.Learner("alice").StateOf(strategy)));
    }

    [Fact]
    public void EachLearnerHasItsOwnState()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();

        bench.Learner("alice").Viewed(Course["quiz-1"]).Viewed(Course["quiz-2"]);
        bench.Learner("bob").Viewed(Course["quiz-1"]);

        Assert.Equal(2, ScriptedStrategy.Count(bench.Learner("alice").StateOf(strategy)));
        Assert.Equal(1, ScriptedStrategy.Count(bench.Learner("bob").StateOf(strategy)));
    }

    [Fact]
    public void AStrategyUsedLateCatchesUpOnEveryEarlierEvent()
    {
        var bench = new PluginTestBench();
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]).Viewed(Course["quiz-2"]);
        var strategy = new ScriptedStrategy(bench.CreateContext("scripted-strategy"));

        Assert.Equal(2, ScriptedStrategy.Count(alice.StateOf(strategy)));
        alice.Viewed(Course["quiz-3"]);
        Assert.Equal(3, ScriptedStrategy.Count(alice.StateOf(strategy)));
    }

    [Fact]
    public void StateIsKeptAsACopyOfItsBytesSoTheStrategyCannotChangeItAfterReturningIt()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var buffer = new byte[4];
        strategy.OnObserve = (state, e, history) =>
        {
            // A bug: every learner's state is written into one shared buffer.
            BitConverter.TryWriteBytes(buffer, ScriptedStrategy.Count(state) + 1);
            return new PluginState(1, buffer);
        };
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]).Viewed(Course["quiz-2"]);

        bench.Learner("bob").Viewed(Course["quiz-1"]);

        Assert.Equal(2, ScriptedStrategy.Count(alice.StateOf(strategy)));
        Assert.NotSame(buffer, alice.StateOf(strategy).Data.ToArray());
    }

    [Fact]
    public void AStrategyThatCannotReadWhatItWroteFailsAtTheNextEvent()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        // A bug: writes a 4-byte count but reads 8 bytes back.
        strategy.OnObserve = (state, e, history) =>
            new PluginState(1, BitConverter.GetBytes(state.IsEmpty ? 1 : (int)BitConverter.ToInt64(state.Data.Span) + 1));
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => alice.Viewed(Course["quiz-2"]));
    }

    [Fact]
    public void ADeterministicStrategyPassesTheReplayCheck()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]).Completed(Course["quiz-1"]).Viewed(Course["quiz-2"]);

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void AStrategyThatKeepsLearnerDataOutsideItsStateFailsTheReplayCheck()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var eventsSeen = 0; // a bug: per-learner data kept in the plugin instance, not in the state
        strategy.OnObserve = (state, e, history) => new PluginState(1, BitConverter.GetBytes(++eventsSeen));
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]).Viewed(Course["quiz-2"]);

        var failure = Assert.Throws<PluginContractException>(() => alice.EnsureReplayIsDeterministic(strategy));

        Assert.Contains("Replaying alice's 2 events twice gave different states", failure.Message);
    }

    [Fact]
    public void StoredStateIsWhatTheStrategyWorksWithNext()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var alice = bench.Learner("alice").Viewed(Course["quiz-1"]);
        PluginState? planned = null;
        strategy.OnPlan = context =>
        {
            planned = context.State;
            return new LearningPlan([]);
        };

        alice.Store(strategy, new PluginState(1, BitConverter.GetBytes(41)));
        alice.Plan(strategy, Course.Ranked("quiz-1"));
        alice.Viewed(Course["quiz-2"]);

        Assert.Equal(41, ScriptedStrategy.Count(planned!.Value));
        Assert.Equal(42, ScriptedStrategy.Count(alice.StateOf(strategy)));
    }

    [Fact]
    public void ScoresComeBackBestFirstWithTiesByItemIdAsTheHostOrdersThem()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        recommender.OnScore = context => context.Candidates.Select(c => new ScoredCandidate(c, c.Item.Value == "quiz-2" ? 1 : 0.5)).ToList();

        var scored = bench.Learner("alice").Score(recommender, Course.Candidates);

        Assert.Equal(["quiz-2", "quiz-1", "quiz-3"], scored.ItemIds());
    }

    [Fact]
    public void ScoringGetsTheLearnersEmbeddingTheModelAndTheBenchTime()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        var model = new ScriptedRecommender.Model(new ModelArtifact("scripted-recommender", "x/1", [], new Dictionary<string, double>()));
        recommender.OnFoldIn = (m, history) => [history.EventsApplied, m is null ? 0 : 1];
        ScoringContext? seen = null;
        recommender.OnScore = context =>
        {
            seen = context;
            return [];
        };
        bench.Clock.Advance(TimeSpan.FromDays(1));

        bench.Learner("alice").Viewed(Course["quiz-1"]).Score(recommender, Course.Candidates, model);

        Assert.Equal([1f, 1f], seen!.Embedding!);
        Assert.Same(model, seen.Model);
        Assert.Equal(bench.Now, seen.Now);
    }

    [Fact]
    public void GarbageScoresFailWithTheHostsRule()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        recommender.OnScore = context => [new ScoredCandidate(context.Candidates[0], double.PositiveInfinity)];

        var failure = Assert.Throws<PluginContractException>(() => bench.Learner("alice").Score(recommender, Course.Candidates));

        Assert.Contains("quiz-1 (bio101) the score Infinity", failure.Message);
    }

    [Fact]
    public void ANonFiniteEmbeddingFailsBeforeScoring()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        recommender.OnFoldIn = (_, _) => [float.NaN];

        Assert.Throws<PluginContractException>(() => bench.Learner("alice").Score(recommender, Course.Candidates));
    }

    [Fact]
    public void APlanThatIgnoresTheBudgetFailsWithTheHostsRule()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>(); // plans every candidate, whatever the budget

        var failure = Assert.Throws<PluginContractException>(() => bench.Learner("alice").Plan(strategy, Course.Ranked("quiz-2", "quiz-3"), budgetMinutes: 25));

        Assert.Equal("Plan takes 50 minutes, over the budget of 25 minutes.", failure.Message);
    }

    [Fact]
    public void APlanGetsTheBudgetLimitProfileAndTime()
    {
        var bench = new PluginTestBench();
        var strategy = bench.Create<ScriptedStrategy>();
        var alice = bench.Learner("alice");
        alice.Profile = new LearnerProfile(["pass bio101"], [], 30);

        var plan = alice.Plan(strategy, Course.Ranked("quiz-1", "quiz-2", "quiz-3"), budgetMinutes: 60, limit: 2);

        Assert.Equal(["quiz-1", "quiz-2"], plan.ItemIds());
        Assert.Equal(30, plan.TotalMinutes());
        Assert.Equal("Next in line.", plan.StepFor("quiz-2").Reason);
    }
}
