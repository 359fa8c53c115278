using Attune.Learners;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Tests.Training;

public sealed class InteractionAggregateTests
{
    [Fact]
    public void TrainingAggregatesEqualTheHostsItemHistory()
    {
        // Shuffled so late events (older timestamps after newer ones) are exercised, as the host may see them.
        var events = SyntheticLearners.Journal(learners: 50, items: 30, perLearner: 10).OrderBy(e => e.Id.GetHashCode(StringComparison.Ordinal)).ToList();
        var journal = TestHost.Journal(events);
        var histories = TestHost.Histories(events);
        var aggregates = journal.Aggregates;
        for (var p = 0; p < journal.Pairs; p++)
        {
            var item = histories[journal.Learners[journal.PairLearner[p]]].Items[journal.Items[journal.PairItem[p]]];
            var fromHost = InteractionAggregate.From(item);
            var fromJournal = aggregates[p];
            Assert.Equal(fromHost.Events, fromJournal.Events);
            Assert.Equal(fromHost.Attempts, fromJournal.Attempts);
            Assert.Equal(fromHost.Reviews, fromJournal.Reviews);
            Assert.Equal(fromHost.SecondsOnTask, fromJournal.SecondsOnTask);
            Assert.Equal(fromHost.BestScore, fromJournal.BestScore);
            Assert.Equal(fromHost.LastScore, fromJournal.LastScore);
            Assert.Equal(fromHost.FirstSeenTicks, fromJournal.FirstSeenTicks);
            Assert.Equal(fromHost.IsFinished, fromJournal.IsFinished);
        }
    }

    [Fact]
    public void SettingsBindFromTheHostsFlattenedKeys()
    {
        var recommender = TestHost.Create(new Dictionary<string, string?>
        {
            ["Factors"] = "32",
            ["Confidence:Completion"] = "3.5",
            ["Confidence:Scaling"] = "linear",
            ["Explicit:Enabled"] = "false",
            ["Tuning:Alpha"] = "1,2",
        });
        Assert.Equal(32, recommender.Options.Factors);
        Assert.Equal(3.5, recommender.Options.Confidence.Completion);
        Assert.Equal("linear", recommender.Options.Confidence.Scaling);
        Assert.False(recommender.Options.Explicit.Enabled);
        Assert.Equal("1,2", recommender.Options.Tuning.Alpha);
    }

    [Theory]
    [InlineData("Factors", "0")]
    [InlineData("UnobservedWeight", "1.5")]
    [InlineData("Confidence:Scaling", "cubic")]
    [InlineData("Tuning:Alpha", "1,x")]
    public void BadSettingsAreRefusedAtLoad(string key, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => TestHost.Create(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains("matrix-factorization", ex.Message);
    }

    [Fact]
    public async Task EmptyJournalTrainsNoModel()
    {
        var recommender = TestHost.Create();
        var artifact = await recommender.TrainAsync(new TrainingRequest(new TenantId("t"), null, 1), new TestHost.ListSource([]), new Progress<TrainingProgress>(), CancellationToken.None);
        Assert.Null(artifact);
        Assert.Empty(Attune.Plugins.Testing.LearnerHistoryBuilder.Empty(new LearnerId("x")).Items);
    }
}
