using System.Numerics.Tensors;
using Attune.Plugins.MatrixFactorization.Model;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Tests.Training;

public sealed class ImplicitAlsTests
{
    private static readonly List<LearningEvent> Events = SyntheticLearners.Journal();

    [Fact]
    public void SameSeedGivesBitIdenticalFactorsWhateverTheCoreCount()
    {
        var one = TestHost.Create(new Dictionary<string, string?> { ["MaxThreads"] = "1" });
        var all = TestHost.Create();
        var a = TestHost.Train(one, Events, seed: 5);
        var b = TestHost.Train(all, Events, seed: 5);
        var c = TestHost.Train(all, Events, seed: 5);
        Assert.Equal(a.Data, b.Data);
        Assert.Equal(b.Data, c.Data);
        Assert.NotEqual(a.Data, TestHost.Train(all, Events, seed: 6).Data);
    }

    [Fact]
    public void LossNeverIncreasesFromEpochToEpoch()
    {
        var journal = TestHost.Journal(Events);
        var h = AlsHyperparameters.From(new MatrixFactorizationOptions { Factors = 8, Epochs = 8 });
        var (learners, items) = journal.Matrices(null, a => h.Confidence.Confidence(a));
        var fit = ImplicitAls.Fit(learners, items, h, seed: 1, maxThreads: 0, CancellationToken.None, trackLoss: true);
        for (var e = 1; e < fit.Losses.Count; e++)
        {
            Assert.True(fit.Losses[e] <= fit.Losses[e - 1] * (1 + 1e-6), $"loss rose from {fit.Losses[e - 1]} to {fit.Losses[e]} at epoch {e + 1}");
        }
        Assert.True(fit.Losses[^1] < fit.Losses[0]);
    }

    [Fact]
    public void ConjugateGradientTrainingEndsNearTheExactFit()
    {
        var journal = TestHost.Journal(Events);
        var exact = AlsHyperparameters.From(new MatrixFactorizationOptions { Factors = 8, Epochs = 10 });
        var cg = AlsHyperparameters.From(new MatrixFactorizationOptions { Factors = 8, Epochs = 10, Solver = "cg" });
        Assert.Equal(3, cg.ConjugateGradientSteps);
        var (learners, items) = journal.Matrices(null, a => exact.Confidence.Confidence(a));
        var exactFit = ImplicitAls.Fit(learners, items, exact, seed: 1, maxThreads: 0, CancellationToken.None, trackLoss: true);
        var cgFit = ImplicitAls.Fit(learners, items, cg, seed: 1, maxThreads: 0, CancellationToken.None, trackLoss: true);
        Assert.True(cgFit.Losses[^1] < 1.05 * exactFit.Losses[^1], $"CG loss {cgFit.Losses[^1]} vs exact {exactFit.Losses[^1]}");
        Assert.True(cgFit.Losses[^1] < cgFit.Losses[0]);
    }

    [Fact]
    public void AlsBeatsPopularityOnLowRankData()
    {
        // Hold out 3 random items per learner; both rank every other item the learner has not seen.
        var events = SyntheticLearners.Journal(learners: 400, items: 150, rank: 4, perLearner: 20, seed: 21);
        var random = new Random(4);
        var heldOut = events.GroupBy(e => e.Learner)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Item).Distinct().OrderBy(_ => random.Next()).Take(3).ToHashSet());
        var train = events.Where(e => !heldOut[e.Learner].Contains(e.Item)).ToList();
        var recommender = TestHost.Create(new Dictionary<string, string?> { ["Factors"] = "8" });
        var model = (MatrixFactorizationModel)recommender.LoadModel(TestHost.Train(recommender, train));
        var popularity = train.Select(e => (e.Learner, e.Item)).Distinct().GroupBy(p => p.Item).ToDictionary(g => g.Key, g => (float)g.Count());

        double als = 0, pop = 0;
        var histories = TestHost.Histories(train);
        var scores = new float[model.ItemCount];
        var excluded = new bool[model.ItemCount];
        var relevant = new bool[model.ItemCount];
        Span<int> top = stackalloc int[20];
        foreach (var (learner, history) in histories)
        {
            var embedding = recommender.FoldIn(model, history)!;
            Array.Clear(excluded);
            Array.Clear(relevant);
            foreach (var item in history.Items.Keys)
            {
                excluded[Index(model, item)] = true;
            }
            var count = 0;
            foreach (var item in heldOut[learner])
            {
                if (model.TryGetItem(item, out var i))
                {
                    relevant[i] = true;
                    count++;
                }
            }
            for (var i = 0; i < model.ItemCount; i++)
            {
                scores[i] = model.Preference(embedding, i);
            }
            als += RankingMetrics.Recall(top[..RankingMetrics.TopK(scores, excluded, top)], 20, relevant, count);
            for (var i = 0; i < model.ItemCount; i++)
            {
                scores[i] = popularity.GetValueOrDefault(model.ItemAt(i));
            }
            pop += RankingMetrics.Recall(top[..RankingMetrics.TopK(scores, excluded, top)], 20, relevant, count);
        }
        als /= histories.Count;
        pop /= histories.Count;
        Assert.True(als > 1.3 * pop, $"ALS Recall@20 {als:0.000} vs popularity {pop:0.000}");
    }

    [Fact]
    public void TuningSearchesTheGridWithinItsBudgetAndRecordsWhatItSaw()
    {
        var recommender = TestHost.Create(new Dictionary<string, string?>
        {
            ["Tuning:Enabled"] = "true",
            ["Tuning:Factors"] = "4,8",
            ["Tuning:Regularization"] = "0.1",
            ["Tuning:Alpha"] = "1",
            ["Tuning:Epochs"] = "4",
            ["Tuning:MinimumInteractions"] = "100",
            ["Tuning:BudgetSeconds"] = "30",
        });
        var artifact = TestHost.Train(recommender, Events);
        var m = artifact.Metrics;
        Assert.Equal(8, m["tuning/grid"]); // {4, 8} × {0.1, 0.03 configured} × {1, 2 configured}
        Assert.Equal(8, m["tuning/tried"]);
        Assert.True(m["tuning/popularity/recall@20"] >= 0);
        var tried = m.Keys.Where(k => k.StartsWith("tuning/k=", StringComparison.Ordinal) && k.EndsWith("/recall@20", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, tried.Count);
        Assert.Equal(tried.Max(k => m[k]), m["tuning/best/recall@20"]);
        var best = tried.Single(k => m[k] == m["tuning/best/recall@20"] && k.Contains($"k={m["factors"]},", StringComparison.Ordinal)
            && k.Contains(FormattableString.Invariant($"alpha={m["alpha"]:g4}"), StringComparison.Ordinal));
        Assert.NotNull(best);
    }

    [Fact]
    public void ZeroBudgetStillTriesTheConfiguredPoint()
    {
        var recommender = TestHost.Create(new Dictionary<string, string?>
        {
            ["Tuning:Enabled"] = "true",
            ["Tuning:BudgetSeconds"] = "0",
            ["Tuning:MinimumInteractions"] = "100",
        });
        var m = TestHost.Train(recommender, Events).Metrics;
        Assert.Equal(1, m["tuning/tried"]);
        Assert.True(m.ContainsKey("tuning/k=8,lambda=0.03,alpha=2/recall@20"), string.Join(" ", m.Keys));
    }

    [Fact]
    public void ConfidenceDecreasesNothingAndGrowsWithActivity()
    {
        var f = ConfidenceFunction.From(new ConfidenceOptions(), alpha: 4);
        var one = InteractionAggregate.Empty;
        one.Add(new LearningEvent("a", new LearnerId("l"), new ItemId("i"), EventKind.Viewed, SyntheticLearners.Start));
        var more = one;
        more.Add(new LearningEvent("b", new LearnerId("l"), new ItemId("i"), EventKind.Completed, SyntheticLearners.Start, durationSeconds: 600));
        Assert.True(f.Confidence(one) > 1);
        Assert.True(f.Confidence(more) > f.Confidence(one));
    }

    private static int Index(MatrixFactorizationModel model, ItemId item) => model.TryGetItem(item, out var i) ? i : throw new KeyNotFoundException(item.Value);

    [Fact]
    public void PreferenceIsTheDotProductOfEmbeddingAndItemFactors()
    {
        var recommender = TestHost.Create();
        var model = (MatrixFactorizationModel)recommender.LoadModel(TestHost.Train(recommender, Events));
        var embedding = recommender.FoldIn(model, TestHost.Histories(Events)[new LearnerId("learner-9")])!;
        Assert.Equal(TensorPrimitives.Dot(embedding.AsSpan(1, 8), model.ItemFactors(3)), model.Preference(embedding, 3));
    }
}
