using Attune;
using Attune.Learners;
using Attune.Plugins;

namespace Fixture.Faulty;

/// <summary>Shared plumbing: a recommender whose Score misbehaves in one way per subclass.</summary>
public abstract class FaultyRecommender : IRecommender
{
    public Task<ModelArtifact?> TrainAsync(TrainingRequest request, IInteractionSource interactions, IProgress<TrainingProgress> progress, CancellationToken cancellationToken) =>
        Task.FromResult<ModelArtifact?>(null);

    public IRecommenderModel LoadModel(ModelArtifact artifact) => throw new NotSupportedException();

    public virtual float[]? FoldIn(IRecommenderModel? model, LearnerHistory history) => null;

    public abstract IReadOnlyList<ScoredCandidate> Score(ScoringContext context);
}

[AttunePlugin("throwing-recommender")]
public sealed class ThrowingRecommender : FaultyRecommender
{
    public override float[]? FoldIn(IRecommenderModel? model, LearnerHistory history) => throw new InvalidOperationException("fold-in exploded");

    public override IReadOnlyList<ScoredCandidate> Score(ScoringContext context) => throw new InvalidOperationException("score exploded");
}

[AttunePlugin("hanging-recommender")]
public sealed class HangingRecommender : FaultyRecommender
{
    public override IReadOnlyList<ScoredCandidate> Score(ScoringContext context)
    {
        Thread.Sleep(TimeSpan.FromSeconds(3)); // far beyond any call budget, short enough not to outlive the test run
        return context.Candidates.Select(c => new ScoredCandidate(c, 1)).ToList();
    }
}

[AttunePlugin("nan-recommender")]
public sealed class NanRecommender : FaultyRecommender
{
    public override IReadOnlyList<ScoredCandidate> Score(ScoringContext context) =>
        context.Candidates.Select(c => new ScoredCandidate(c, double.NaN)).ToList();
}

[AttunePlugin("unknown-item-recommender")]
public sealed class UnknownItemRecommender : FaultyRecommender
{
    public override IReadOnlyList<ScoredCandidate> Score(ScoringContext context) =>
        [new ScoredCandidate(context.Candidates[0] with { Item = new ItemId("not-in-the-catalog") }, 1)];
}

[AttunePlugin("throwing-strategy")]
public sealed class ThrowingStrategy : ILearningStrategy
{
    public PluginState Observe(PluginState state, LearningEvent learningEvent, LearnerHistory history) => throw new InvalidOperationException("observe exploded");

    public LearningPlan Plan(PlanningContext context) => throw new InvalidOperationException("plan exploded");
}

[AttunePlugin("over-budget-strategy")]
public sealed class OverBudgetStrategy : ILearningStrategy
{
    public PluginState Observe(PluginState state, LearningEvent learningEvent, LearnerHistory history) => state;

    public LearningPlan Plan(PlanningContext context) =>
        new(context.Candidates.Select(c => new PlanStep(c.Candidate, 1000, "everything at once", c.Score)).ToList());
}
