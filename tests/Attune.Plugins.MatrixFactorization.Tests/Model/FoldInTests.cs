using Attune.Plugins.MatrixFactorization.Model;
using Attune.Plugins.MatrixFactorization.Training;

namespace Attune.Plugins.MatrixFactorization.Tests.Model;

public sealed class FoldInTests
{
    [Fact]
    public void FoldInEqualsTrainingsLearnerHalfStep()
    {
        var events = SyntheticLearners.Journal();
        var recommender = TestHost.Create();
        var journal = TestHost.Journal(events);
        var trained = ModelTrainer.Train(journal, recommender.Options, seed: 3, (_, _) => { }, CancellationToken.None);
        var artifact = new ModelArtifact("matrix-factorization", ModelArtifactFormat.Format, ModelArtifactFormat.Write(trained.Content), trained.Metrics);
        var model = (MatrixFactorizationModel)recommender.LoadModel(artifact);
        var k = model.Factors;
        var worst = 0.0;
        var worstExplicit = 0.0;
        foreach (var (learner, history) in TestHost.Histories(events))
        {
            Assert.True(journal.TryGetLearner(learner, out var u));
            var embedding = recommender.FoldIn(model, history)!;
            var expected = trained.Implicit.Learner(u);
            for (var f = 0; f < k; f++)
            {
                worst = Math.Max(worst, Math.Abs(embedding[1 + f] - expected[f]));
            }
            var w = trained.Explicit!.Width;
            var expectedExplicit = trained.Explicit.LearnerParameters.AsSpan(u * w, w);
            for (var f = 0; f < w; f++)
            {
                worstExplicit = Math.Max(worstExplicit, Math.Abs(embedding[1 + k + f] - expectedExplicit[f]));
            }
        }
        Assert.True(worst <= 1e-4, $"implicit fold-in differs from training by {worst}");
        Assert.True(worstExplicit <= 1e-4, $"explicit fold-in differs from training by {worstExplicit}");
    }

    [Fact]
    public void FoldInUsesTheWholeHistoryNotTheNewestEvent()
    {
        var events = SyntheticLearners.Journal(learners: 60, items: 40, perLearner: 10);
        var recommender = TestHost.Create();
        var model = recommender.LoadModel(TestHost.Train(recommender, events));
        var history = TestHost.Histories(events)[new LearnerId("learner-0")];
        var once = recommender.FoldIn(model, history)!;
        var again = recommender.FoldIn(model, history)!;
        Assert.Equal(once, again);

        var newest = Attune.Plugins.Testing.LearnerHistoryBuilder.From(history.Learner, [events.Last(e => e.Learner == history.Learner)]);
        Assert.NotEqual(once, recommender.FoldIn(model, newest)!);
    }

    [Fact]
    public void FoldInWithoutAModelReturnsNoEmbedding()
    {
        var recommender = TestHost.Create();
        Assert.Null(recommender.FoldIn(null, Attune.Plugins.Testing.LearnerHistoryBuilder.Empty(new LearnerId("new"))));
    }
}
