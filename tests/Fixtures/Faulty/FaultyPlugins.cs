using System.Buffers.Binary;
using Attune;
using Attune.Learners;
using Attune.Plugins;

namespace Fixture.Faulty;

/// <summary>Shared plumbing: a recommender whose Score misbehaves in one way per subclass.</summary>
public abstract class FaultyRecommender : IEmbedsLearner
{
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
    public PluginState Observe(ObservationContext context) => throw new InvalidOperationException("observe exploded");

    public LearningPlan Plan(PlanningContext context) => throw new InvalidOperationException("plan exploded");
}

[AttunePlugin("over-budget-strategy")]
public sealed class OverBudgetStrategy : ILearningStrategy
{
    public PluginState Observe(ObservationContext context) => context.State;

    public LearningPlan Plan(PlanningContext context) =>
        new(context.Candidates.Select(c => new PlanStep(c.Candidate, 1000, "everything at once", c.Score)).ToList());
}

/// <summary>Shared plumbing: a strategy that counts observed events and describes the learner in one way per subclass.</summary>
public abstract class DescribingStrategy : ILearningStrategy, IDescribesLearner
{
    public PluginState Observe(ObservationContext context)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Count(context.State) + 1);
        return new PluginState(1, bytes);
    }

    public LearningPlan Plan(PlanningContext context) =>
        new(context.Candidates.Take(Math.Min(1, context.Limit)).Select(c => new PlanStep(c.Candidate, 0, "first", c.Score)).ToList());

    public abstract LearnerDescription Describe(DescriptionContext context);

    protected static int Count(PluginState state) => state.IsEmpty ? 0 : BinaryPrimitives.ReadInt32LittleEndian(state.Data.Span);
}

[AttunePlugin("counting-describer")]
public sealed class CountingDescriber : DescribingStrategy
{
    /// <summary>"Mastery" of a skill named <c>observed</c> grows with the events observed: n / (n + 1).</summary>
    public override LearnerDescription Describe(DescriptionContext context) =>
        new([new SkillDescription(new SkillId("observed"), Count(context.State) / (Count(context.State) + 1.0))
            {
                Values = new Dictionary<string, double> { ["events"] = Count(context.State) },
            }],
            [new ItemDescription(new ItemId("next")) { Recall = 0.5, DueAt = context.Now.AddDays(1) }]);
}

[AttunePlugin("throwing-describer")]
public sealed class ThrowingDescriber : DescribingStrategy
{
    public override LearnerDescription Describe(DescriptionContext context) => throw new InvalidOperationException("describe exploded");
}

[AttunePlugin("garbage-describer")]
public sealed class GarbageDescriber : DescribingStrategy
{
    public override LearnerDescription Describe(DescriptionContext context) =>
        new([new SkillDescription(new SkillId("fractions"), 1.5)], []);
}
