using Attune.Plugins.Testing.Tests.Probes;

namespace Attune.Plugins.Testing.Tests;

public sealed class PluginTestBenchTests
{
    [Fact]
    public void APluginGetsAContextNamedAfterItWithTheBenchClockLoggerSettingsAndSeed()
    {
        var bench = new PluginTestBench(seed: 7);
        bench.Settings["Horizon:Days"] = "3";

        var strategy = bench.Create<ScriptedStrategy>();

        Assert.Equal("scripted-strategy", strategy.Context.Name);
        Assert.Same(bench.Clock, strategy.Context.Clock);
        Assert.Same(bench.Logger, strategy.Context.Logger);
        Assert.Equal("3", strategy.Context.Settings.Get("horizon:days"));
        Assert.Equal(new PluginContext("scripted-strategy", bench.Logger, bench.Clock, PluginSettings.Empty, 7).CreateRandom("x").Next(),
            strategy.Context.CreateRandom("x").Next());
    }

    [Fact]
    public void TheSameSeedGivesThePluginTheSameRandomNumbers()
    {
        var first = new PluginTestBench().Create<ScriptedRecommender>().Context.CreateRandom("shuffle");
        var second = new PluginTestBench().Create<ScriptedRecommender>().Context.CreateRandom("shuffle");

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => first.Next()), Enumerable.Range(0, 5).Select(_ => second.Next()));
    }

    [Fact]
    public void APluginWithoutAContextConstructorIsCreatedLikeTheHostDoes()
    {
        Assert.NotNull(new PluginTestBench().Create<ParameterlessStrategy>());
    }

    [Fact]
    public void CreatingAPluginTheHostWouldNotLoadFailsWithTheReason()
    {
        var bench = new PluginTestBench();

        Assert.Contains("not marked [AttunePlugin", Assert.Throws<PluginContractException>(bench.Create<UnmarkedStrategy>).Message);
        Assert.Contains("needs a public constructor", Assert.Throws<PluginContractException>(bench.Create<ServiceHungryStrategy>).Message);
    }

    [Fact]
    public void AConstructorThatRefusesItsSettingsIsReportedAsALoadFailure()
    {
        var refused = Assert.Throws<PluginContractException>(new PluginTestBench().Create<ThrowingConstructorStrategy>);

        Assert.Contains("threw ArgumentException: Attune:Plugins:Settings:throwing-constructor:Horizon must be positive.", refused.Message);
        Assert.IsType<ArgumentException>(refused.InnerException);
    }

    [Fact]
    public void TheJournalHoldsEveryLearnersEventsInTheOrderApplied()
    {
        var bench = new PluginTestBench();
        var course = new TestCourse("bio101").Item("quiz-1").Item("quiz-2");

        bench.Learner("alice").Viewed(course["quiz-1"]);
        bench.Learner("bob").Completed(course["quiz-2"]);
        bench.Learner("alice").Completed(course["quiz-1"]);

        Assert.Equal(["alice", "bob", "alice"], bench.Journal.Select(e => e.Learner.Value));
        Assert.Equal(3, bench.Journal.Select(e => e.Id).Distinct().Count());
        Assert.Same(bench.Learner("alice"), bench.Learner("alice"));
    }

    [Fact]
    public async Task TrainingReadsTheJournalAndLoadsTheModelFromACopyOfItsBytes()
    {
        var bench = new PluginTestBench();
        var course = new TestCourse("bio101").Item("quiz-1");
        bench.Learner("alice").Completed(course["quiz-1"]);
        bench.Learner("bob").Viewed(course["quiz-1"]);
        var recommender = bench.Create<ScriptedRecommender>();
        var trainedOn = 0;
        var data = new byte[] { 1, 2, 3 };
        recommender.OnTrain = async (interactions, progress) =>
        {
            await foreach (var _ in interactions.ReadAsync(CancellationToken.None))
            {
                trainedOn++;
            }
            progress.Report(new TrainingProgress("done", 100));
            return new ModelArtifact("scripted-recommender", "test/1", data, new Dictionary<string, double> { ["events"] = trainedOn });
        };

        var trained = await bench.TrainAsync(recommender);

        Assert.Equal(2, trainedOn);
        var loaded = Assert.Single(recommender.Loaded);
        Assert.Same(loaded, trained.Artifact);
        Assert.NotSame(data, loaded.Data);
        Assert.Equal(data, loaded.Data);
        Assert.Equal("done", Assert.Single(trained.Progress).Phase);
        Assert.Same(loaded, trained.Model!.Artifact);
    }

    [Fact]
    public async Task ARecommenderWithoutAGlobalModelTrainsToNothing()
    {
        var bench = new PluginTestBench();

        var trained = await bench.TrainAsync(bench.Create<ScriptedRecommender>());

        Assert.Null(trained.Artifact);
        Assert.Null(trained.Model);
    }

    [Fact]
    public async Task TrainingThatReportsProgressBeyondAHundredPercentFails()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        recommender.OnTrain = (_, progress) =>
        {
            progress.Report(new TrainingProgress("epoch 11/10", 110));
            return Task.FromResult<ModelArtifact?>(null);
        };

        var failure = await Assert.ThrowsAsync<PluginContractException>(() => bench.TrainAsync(recommender));

        Assert.Contains("110% in phase 'epoch 11/10'", failure.Message);
    }

    [Fact]
    public async Task AnArtifactSignedWithAnotherNameFails()
    {
        var bench = new PluginTestBench();
        var recommender = bench.Create<ScriptedRecommender>();
        recommender.OnTrain = (_, _) => Task.FromResult<ModelArtifact?>(new ModelArtifact("someone-else", "x/1", [], new Dictionary<string, double>()));

        var failure = await Assert.ThrowsAsync<PluginContractException>(() => bench.TrainAsync(recommender));

        Assert.Contains("'someone-else'", failure.Message);
    }

    [Fact]
    public void ACallOverTheBudgetFailsOnlyWhenABudgetIsSet()
    {
        var bench = new PluginTestBench();
        var course = new TestCourse("bio101").Item("quiz-1");
        var strategy = bench.Create<ScriptedStrategy>();
        strategy.OnPlan = context =>
        {
            Thread.Sleep(60);
            return ScriptedStrategy.InOrder(context);
        };
        var alice = bench.Learner("alice");

        alice.Plan(strategy, course.Ranked("quiz-1"));
        bench.CallBudget = TimeSpan.FromMilliseconds(20);
        var failure = Assert.Throws<PluginContractException>(() => alice.Plan(strategy, course.Ranked("quiz-1")));

        Assert.Contains("over the budget of 20 ms", failure.Message);
    }
}
