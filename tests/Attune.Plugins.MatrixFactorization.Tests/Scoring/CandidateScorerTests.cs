using Attune.Learners;
using Attune.Plugins.MatrixFactorization.Model;

namespace Attune.Plugins.MatrixFactorization.Tests.Scoring;

public sealed class CandidateScorerTests
{
    private static readonly List<LearningEvent> Events = SyntheticLearners.Journal(learners: 100, items: 60, perLearner: 12);
    private static readonly DateTimeOffset Now = SyntheticLearners.Start.AddDays(30);

    private static Candidate Candidate(string item, string course, int peers = 3, int learners = 10, params string[] skills) =>
        new(new ItemId(item), new CourseId(course), null, null, 10, null, skills.Select(s => new SkillId(s)).ToList(), peers, learners);

    private static ScoringContext Context(LearnerHistory history, float[]? embedding, IRecommenderModel? model, params Candidate[] candidates) =>
        new(history, LearnerProfile.Empty, embedding, model, candidates, Now);

    [Fact]
    public void LearnerWithoutHistoryGetsCoursePopularityAndIsToldSo()
    {
        var recommender = TestHost.Create();
        var model = recommender.LoadModel(TestHost.Train(recommender, Events));
        var fresh = Attune.Plugins.Testing.LearnerHistoryBuilder.Empty(new LearnerId("newcomer"));
        var scored = recommender.Score(Context(fresh, recommender.FoldIn(model, fresh), model,
            Candidate("item-1", "course-1", peers: 8), Candidate("item-2", "course-2", peers: 2)));
        Assert.Equal(2, scored.Count);
        Assert.All(scored, s => Assert.Contains("popularity", s.Reason));
        Assert.All(scored, s => Assert.Contains("once you have some activity", s.Reason));
        Assert.True(scored.Single(s => s.Candidate.Item.Value == "item-1").Score > scored.Single(s => s.Candidate.Item.Value == "item-2").Score);
    }

    [Fact]
    public void WithoutAModelEveryoneGetsPopularity()
    {
        var recommender = TestHost.Create();
        var history = TestHost.Histories(Events)[new LearnerId("learner-1")];
        var scored = recommender.Score(Context(history, null, null, Candidate("item-1", "course-1"), Candidate("x-new", "course-1", peers: 0)));
        Assert.All(scored, s => Assert.Contains("after the first model training", s.Reason));
    }

    [Fact]
    public void NewItemGetsItsCoursePriorAndTheReasonSaysSo()
    {
        var recommender = TestHost.Create();
        var model = recommender.LoadModel(TestHost.Train(recommender, Events));
        var history = TestHost.Histories(Events)[new LearnerId("learner-2")];
        var embedding = recommender.FoldIn(model, history);
        var scored = recommender.Score(Context(history, embedding, model,
            Candidate("brand-new", "course-1"),
            Candidate("brand-new-skilled", "course-2", 0, 10, "skill-3"),
            Candidate("orphan", "unknown-course"),
            Candidate("item-5", "course-2")));
        Assert.Contains("ranked like the course's other items", scored.Single(s => s.Candidate.Item.Value == "brand-new").Reason);
        Assert.Contains("the same skill", scored.Single(s => s.Candidate.Item.Value == "brand-new-skilled").Reason);
        Assert.Contains("average item", scored.Single(s => s.Candidate.Item.Value == "orphan").Reason);
        Assert.Contains("resembles yours", scored.Single(s => s.Candidate.Item.Value == "item-5").Reason);
        Assert.NotEqual(0, scored.Single(s => s.Candidate.Item.Value == "brand-new").Score);
    }

    [Fact]
    public void ScoresAreFiniteAndEachCandidateAppearsAtMostOnce()
    {
        var recommender = TestHost.Create();
        var model = recommender.LoadModel(TestHost.Train(recommender, Events));
        foreach (var (_, history) in TestHost.Histories(Events).Take(20))
        {
            var candidates = Enumerable.Range(0, 60).Select(i => Candidate($"item-{i}", $"course-{i % 3}"))
                .Concat([Candidate("item-4", "course-1"), Candidate("new", "course-0")]).ToArray();
            var scored = recommender.Score(Context(history, recommender.FoldIn(model, history), model, candidates));
            Assert.All(scored, s => Assert.True(double.IsFinite(s.Score)));
            Assert.All(scored, s => Assert.Contains(s.Candidate, candidates));
            Assert.Equal(scored.Count, scored.Select(s => (s.Candidate.Item, s.Candidate.Course)).Distinct().Count());
            Assert.DoesNotContain(scored, s => history.Items.TryGetValue(s.Candidate.Item, out var h) && h.IsFinished);
            Assert.All(scored, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        }
    }

    [Fact]
    public void StaleEmbeddingIsRefoldedAgainstTheCurrentModel()
    {
        var recommender = TestHost.Create();
        var older = recommender.LoadModel(TestHost.Train(recommender, Events, seed: 1));
        var current = (MatrixFactorizationModel)recommender.LoadModel(TestHost.Train(recommender, Events, seed: 2));
        var history = TestHost.Histories(Events)[new LearnerId("learner-4")];
        var candidates = Enumerable.Range(0, 60).Select(i => Candidate($"item-{i}", $"course-{i % 3}")).ToArray();
        var stale = recommender.Score(Context(history, recommender.FoldIn(older, history), current, candidates));
        var fresh = recommender.Score(Context(history, recommender.FoldIn(current, history), current, candidates));
        Assert.Equal(fresh.Select(s => s.Score), stale.Select(s => s.Score));
    }

    [Fact]
    public void GradedItemsCarryAPredictedScore()
    {
        var recommender = TestHost.Create();
        var model = recommender.LoadModel(TestHost.Train(recommender, Events));
        var history = TestHost.Histories(Events)[new LearnerId("learner-6")];
        var candidates = Enumerable.Range(0, 60).Select(i => Candidate($"item-{i}", $"course-{i % 3}")).ToArray();
        var scored = recommender.Score(Context(history, recommender.FoldIn(model, history), model, candidates));
        Assert.Contains(scored, s => s.Reason!.Contains("predicted score"));
    }
}
