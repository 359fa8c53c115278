using Attune.Plugins;
using Attune.Plugins.Testing;

namespace Attune.Samples.PeerSequence.Tests;

public sealed class PeerSequenceRecommenderTests
{
    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _bio = new TestCourse("bio101", classmates: 10)
        .Item("quiz-1", title: "Quiz 1", peersEngaged: 9)
        .Item("quiz-2", title: "Quiz 2", peersEngaged: 8)
        .Item("chapter-3", title: "Chapter 3", peersEngaged: 3)
        .Item("video-1", title: "Video 1", peersEngaged: 5)
        .Item("essay", title: "Essay", peersEngaged: 6);

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(PeerSequenceRecommender));

        Assert.NotNull(_bench.Create<PeerSequenceRecommender>());
    }

    [Fact]
    public void BeforeAnyTrainingItemsAreRankedByTheShareOfClassmatesWhoEngaged()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        var alice = _bench.Learner("alice").Viewed(_bio["quiz-1"]);

        var scored = alice.Score(recommender, _bio.Candidates);

        Assert.Equal(["quiz-1", "quiz-2", "essay", "video-1", "chapter-3"], scored.ItemIds());
        Assert.Equal(0.9, scored.For("quiz-1").Score, 1e-9);
        Assert.Equal("8 of your 10 classmates in bio101 have worked on this.", scored.For("quiz-2").Reason);
    }

    [Fact]
    public void FinishedItemsAreNotRecommended()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        var alice = _bench.Learner("alice").Viewed(_bio["quiz-1"]).Completed(_bio["quiz-2"]);

        var scored = alice.Score(recommender, _bio.Candidates);

        Assert.DoesNotContain("quiz-2", scored.ItemIds());
        Assert.Contains("quiz-1", scored.ItemIds());
    }

    [Fact]
    public async Task AfterTrainingWhereClassmatesWentNextComesFirst()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var alice = Walk("alice", "quiz-1", "quiz-2");
        var trained = await _bench.TrainAsync(recommender);

        var scored = alice.Score(recommender, _bio.Candidates, trained.Model);

        Assert.Equal(["chapter-3", "video-1"], scored.ItemIds().Take(2));
        Assert.Equal("Most classmates who worked on Quiz 2 went on to Chapter 3 next (3 of 4).", scored.For("chapter-3").Reason);
        Assert.Equal("1 of 4 classmates who worked on Quiz 2 went on to Video 1 next.", scored.For("video-1").Reason);
        Assert.Equal(1.75, scored.For("chapter-3").Score, 1e-9);
        // Items nobody went to from Quiz 2 keep the popularity score, below every sequence score.
        Assert.True(scored.For("essay").Score < 1);
    }

    [Fact]
    public async Task TheLastItemIsTheOneSeenMostRecentlyNotTheOneStartedLast()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var alice = Walk("alice", "quiz-1", "quiz-2");
        _bench.Clock.Advance(TimeSpan.FromHours(1));
        alice.Viewed(_bio["quiz-1"]); // back to Quiz 1: it is now her most recent item
        var trained = await _bench.TrainAsync(recommender);

        var scored = alice.Score(recommender, _bio.Candidates, trained.Model);

        Assert.Equal("quiz-2", scored.ItemIds()[0]);
        Assert.Equal("Most classmates who worked on Quiz 1 went on to Quiz 2 next (3 of 3).", scored[0].Reason);
    }

    [Fact]
    public async Task TheLearnersOwnStepIsNotCountedAmongTheirClassmates()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var alice = Walk("alice", "quiz-1", "essay");
        _bench.Clock.Advance(TimeSpan.FromHours(1));
        alice.Viewed(_bio["quiz-1"]);
        var trained = await _bench.TrainAsync(recommender);
        // The journal holds alice's own Quiz 1 -> Essay step: the model counts 4 learners moving on from Quiz 1.
        Assert.Equal(4, ((PeerSequenceModel)trained.Model!).After(_bio.Id, new ItemId("quiz-1"))!.MovedOn);

        var scored = alice.Score(recommender, _bio.Candidates, trained.Model);

        Assert.Equal("Most classmates who worked on Quiz 1 went on to Quiz 2 next (3 of 3).", scored.For("quiz-2").Reason);
        Assert.True(scored.For("essay").Score < 1);
    }

    [Fact]
    public async Task WhenTooFewClassmatesWentOnPopularityDecides()
    {
        _bench.Settings["MinimumClassmates"] = "5";
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var alice = Walk("alice", "quiz-1", "quiz-2");
        var trained = await _bench.TrainAsync(recommender);

        var scored = alice.Score(recommender, _bio.Candidates, trained.Model);

        Assert.All(scored, s => Assert.InRange(s.Score, 0, 1));
        Assert.Equal("quiz-2", scored.ItemIds()[0]);
    }

    [Fact]
    public async Task TheModelKeepsOnlyTheMostCommonNextItems()
    {
        _bench.Settings["MaxNextItems"] = "1";
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var alice = Walk("alice", "quiz-1", "quiz-2");
        var trained = await _bench.TrainAsync(recommender);

        var scored = alice.Score(recommender, _bio.Candidates, trained.Model);

        Assert.Equal(1.75, scored.For("chapter-3").Score, 1e-9);
        Assert.True(scored.For("video-1").Score < 1);
        // The share stays out of everyone who moved on, not just those kept.
        Assert.Equal(4, ((PeerSequenceModel)trained.Model!).After(_bio.Id, new ItemId("quiz-2"))!.MovedOn);
    }

    [Fact]
    public async Task TransitionsAreCountedWithinEachCourse()
    {
        var chem = new TestCourse("chem101", classmates: 5).Item("quiz-1", title: "Lab safety quiz").Item("quiz-2").Item("lab-1", title: "Lab 1");
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        foreach (var peer in new[] { "c1", "c2", "c3" })
        {
            Walk(peer, chem, "quiz-1", "lab-1");
        }
        var alice = Walk("alice", chem, "quiz-1");
        var trained = await _bench.TrainAsync(recommender);

        var scored = alice.Score(recommender, chem.Candidates, trained.Model);

        Assert.Equal("lab-1", scored.ItemIds()[0]);
        Assert.Equal("Most classmates who worked on Lab safety quiz went on to Lab 1 next (3 of 3).", scored[0].Reason);
    }

    [Fact]
    public async Task TrainingGivesTheSameModelWhateverTheJournalOrder()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var reversed = new RecordedInteractions(_bench.Journal.Reverse());

        var inOrder = await _bench.TrainAsync(recommender);
        var backwards = await _bench.TrainAsync(recommender, interactions: reversed);

        Assert.Equal(inOrder.Artifact!.Data, backwards.Artifact!.Data);
        Assert.Equal(1, reversed.Reads);
    }

    [Fact]
    public async Task TrainingReportsProgressUpToAHundredAndKeepsMetrics()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        // An event without a course cannot be matched to candidates: training skips it.
        _bench.Learner("b1").Record(EventKind.Viewed, new ItemId("forum"), course: null);

        var trained = await _bench.TrainAsync(recommender);

        Assert.Equal(100, trained.Progress[^1].Percent);
        Assert.Equal(trained.Progress.Select(p => p.Percent).Order(), trained.Progress.Select(p => p.Percent));
        Assert.Equal(_bench.Journal.Count - 1, trained.Artifact!.Metrics["events"]);
        Assert.Equal(4, trained.Artifact.Metrics["paths"]);
        var logged = Assert.Single(_bench.Logger.Entries);
        Assert.Equal(4, logged.Properties["Paths"]);
    }

    [Fact]
    public async Task TrainingStopsWhenCancelled()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bench.TrainAsync(recommender, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task AnArtifactOfAnotherFormatOrTruncatedIsRefused()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        ClassmatesWalk();
        var artifact = (await _bench.TrainAsync(recommender)).Artifact!;

        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Format = "peer-sequence/2" }));
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = artifact.Data[..^3] }));
        Assert.Throws<FormatException>(() => recommender.LoadModel(artifact with { Data = [.. artifact.Data, 0] }));
    }

    [Fact]
    public void AModelOfAnotherRecommenderIsIgnored()
    {
        var recommender = _bench.Create<PeerSequenceRecommender>();
        var alice = Walk("alice", "quiz-1", "quiz-2");
        var foreign = new ForeignModel(new ModelArtifact("als", "als/1", [1, 2, 3], new Dictionary<string, double>()));

        var scored = alice.Score(recommender, _bio.Candidates, foreign);

        Assert.All(scored, s => Assert.InRange(s.Score, 0, 1));
    }

    [Fact]
    public void TheRecommenderKeepsNoEmbedding()
    {
        // Without IEmbedsLearner the host never folds the learner in.
        Assert.False(typeof(IEmbedsLearner).IsAssignableFrom(typeof(PeerSequenceRecommender)));
    }

    [Theory]
    [InlineData("MinimumClassmates", "0", "MinimumClassmates must be at least 1")]
    [InlineData("MaxNextItems", "-2", "MaxNextItems must be at least 1")]
    public void SettingsThatCannotWorkStopThePluginLoading(string key, string value, string message)
    {
        _bench.Settings[key] = value;

        var refused = Assert.Throws<PluginContractException>(_bench.Create<PeerSequenceRecommender>);

        Assert.Contains($"Attune:Plugins:Settings:peer-sequence: {message}.", refused.Message);
    }

    /// <summary>b1-b3 go Quiz 1, Quiz 2, Chapter 3; b4 goes Quiz 2, Video 1.</summary>
    private void ClassmatesWalk()
    {
        foreach (var peer in new[] { "b1", "b2", "b3" })
        {
            Walk(peer, "quiz-1", "quiz-2", "chapter-3");
        }
        Walk("b4", "quiz-2", "video-1");
    }

    private LearnerReplay Walk(string learner, params string[] items) => Walk(learner, _bio, items);

    /// <summary>The learner works through the items in order, an hour apart, finishing all but the last.</summary>
    private LearnerReplay Walk(string learner, TestCourse course, params string[] items)
    {
        var replay = _bench.Learner(learner);
        for (var i = 0; i < items.Length; i++)
        {
            _bench.Clock.Advance(TimeSpan.FromHours(1));
            replay.Viewed(course[items[i]]);
            if (i < items.Length - 1)
            {
                replay.Completed(course[items[i]], at: _bench.Now.AddMinutes(30));
            }
        }
        return replay;
    }

    private sealed record ForeignModel(ModelArtifact Artifact) : IRecommenderModel;
}
