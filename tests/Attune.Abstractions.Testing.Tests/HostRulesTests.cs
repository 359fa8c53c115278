using System.Reflection;
using System.Reflection.Emit;
using Attune.Learners;
using Attune.Plugins.Testing.Tests.Probes;

namespace Attune.Plugins.Testing.Tests;

public sealed class HostRulesTests
{
    private static readonly TestCourse Course = new TestCourse("bio101", classmates: 4)
        .Item("quiz-1", minutes: 10).Item("quiz-2", minutes: 20).Item("quiz-3", minutes: 30);

    [Fact]
    public void WellFormedScoresPass()
    {
        Assert.Null(HostRules.ScoresProblem(Course.Ranked("quiz-2", "quiz-1"), Course.Candidates));
        Assert.Null(HostRules.ScoresProblem([], Course.Candidates));
    }

    [Fact]
    public void ANonFiniteScoreIsNamedWithItsItem()
    {
        var scored = new[] { new ScoredCandidate(Course["quiz-2"], double.NaN) };

        var problem = Assert.Throws<PluginContractException>(() => HostChecks.EnsureScores(scored, Course.Candidates)).Message;

        Assert.Contains("quiz-2 (bio101)", problem);
        Assert.Contains("NaN", problem);
    }

    [Fact]
    public void AnItemThatIsNotACandidateIsGarbage()
    {
        var elsewhere = new TestCourse("chem101").Item("quiz-1");
        var scored = new[] { new ScoredCandidate(elsewhere["quiz-1"], 1) };

        var problem = HostRules.ScoresProblem(scored, Course.Candidates);

        Assert.Contains("quiz-1 (chem101), which is not one of the 3 candidates", problem);
    }

    [Fact]
    public void ScoringAnItemTwiceIsGarbage()
    {
        var scored = new[] { new ScoredCandidate(Course["quiz-1"], 1), new ScoredCandidate(Course["quiz-1"], 0.5) };

        Assert.Contains("more than once", HostRules.ScoresProblem(scored, Course.Candidates));
        Assert.Contains("returned null", HostRules.ScoresProblem(null, Course.Candidates));
    }

    [Fact]
    public void APlanWithinBudgetAndLimitPasses()
    {
        var context = Planning(budget: 30, limit: 2);
        var plan = Plan(("quiz-1", 10, "Short."), ("quiz-2", 20, "Next."));

        Assert.Null(HostRules.PlanProblem(plan, context));
    }

    [Fact]
    public void APlanOverBudgetSaysByHowMuch()
    {
        var plan = Plan(("quiz-2", 20, "a"), ("quiz-3", 30, "b"));

        var problem = Assert.Throws<PluginContractException>(() => HostChecks.EnsurePlan(plan, Planning(budget: 45))).Message;

        Assert.Equal("Plan takes 50 minutes, over the budget of 45 minutes.", problem);
    }

    [Fact]
    public void APlanOverTheLimitIsRefused()
    {
        var plan = Plan(("quiz-1", 10, "a"), ("quiz-2", 20, "b"));

        Assert.Equal("Plan has 2 steps, more than the limit of 1.", HostRules.PlanProblem(plan, Planning(limit: 1)));
    }

    [Fact]
    public void EveryStepNeedsAKnownCandidateAReasonAndSaneNumbers()
    {
        var context = Planning(candidates: Course.Ranked("quiz-1", "quiz-2"));

        Assert.Contains("step 1 (quiz-3 in bio101) is neither one of the 2 candidates nor in the catalog", HostRules.PlanProblem(Plan(("quiz-3", 1, "a")), context));
        Assert.Contains("has no reason", HostRules.PlanProblem(Plan(("quiz-1", 1, " ")), context));
        Assert.Contains("takes -1 minutes", HostRules.PlanProblem(Plan(("quiz-1", -1, "a")), context));
        Assert.Contains("repeats an item", HostRules.PlanProblem(Plan(("quiz-1", 1, "a"), ("quiz-1", 1, "b")), context));
        Assert.Contains("no plan", HostRules.PlanProblem(null, context));
        var infinite = new LearningPlan([new PlanStep(Course["quiz-1"], 1, "a", double.PositiveInfinity)]);
        Assert.Contains("score Infinity", HostRules.PlanProblem(infinite, context));
    }

    [Fact]
    public void ADescriptionOfProbabilitiesAndFiniteValuesPasses()
    {
        var description = new LearnerDescription(
            [new SkillDescription(new SkillId("fractions"), 0.41) { Values = new Dictionary<string, double> { ["answers"] = 3 } }],
            [new ItemDescription(new ItemId("cards-1")) { Recall = 0.72, DueAt = DateTimeOffset.UnixEpoch }]);

        Assert.Null(HostRules.DescriptionProblem(description));
        Assert.Null(HostRules.DescriptionProblem(LearnerDescription.Empty));
    }

    [Theory]
    [InlineData("mastery", "mastery 1.5")]
    [InlineData("twice", "skill fractions more than once")]
    [InlineData("recall", "item cards-1 a mastery or recall outside 0 to 1")]
    [InlineData("value", "the value stability = NaN")]
    [InlineData("missing", "no description")]
    public void ADescriptionTheHostWouldLeaveOutIsExplained(string fault, string message)
    {
        var skill = new SkillDescription(new SkillId("fractions"), 0.4);
        var description = fault switch
        {
            "mastery" => new LearnerDescription([skill with { Mastery = 1.5 }], []),
            "twice" => new LearnerDescription([skill, skill], []),
            "recall" => new LearnerDescription([], [new ItemDescription(new ItemId("cards-1")) { Recall = -0.1 }]),
            "value" => new LearnerDescription([], [new ItemDescription(new ItemId("cards-1")) { Values = new Dictionary<string, double> { ["stability"] = double.NaN } }]),
            _ => null,
        };

        var problem = Assert.Throws<PluginContractException>(() => HostChecks.EnsureDescription(description)).Message;

        Assert.Contains(message, problem);
    }

    [Fact]
    public void AnEmbeddingMustBeFiniteOrAbsent()
    {
        Assert.Null(HostRules.EmbeddingProblem(null));
        Assert.Null(HostRules.EmbeddingProblem([0.5f, -1f]));
        Assert.Equal("FoldIn returned an embedding with NaN at index 1; values must be finite.", HostRules.EmbeddingProblem([0.5f, float.NaN]));
    }

    [Fact]
    public void PluginTypesTheHostWouldNotLoadAreExplained()
    {
        Assert.Null(HostRules.PluginTypeProblem(typeof(ScriptedStrategy)));
        Assert.Null(HostRules.PluginTypeProblem(typeof(ParameterlessStrategy)));
        Assert.Contains("not marked [AttunePlugin", HostRules.PluginTypeProblem(typeof(UnmarkedStrategy)));
        Assert.Contains("'Due Dates'", HostRules.PluginTypeProblem(typeof(BadlyNamedStrategy)));
        Assert.Contains("implements neither", HostRules.PluginTypeProblem(typeof(ContractlessPlugin)));
        Assert.Contains("needs a public constructor", HostRules.PluginTypeProblem(typeof(ServiceHungryStrategy)));
        Assert.Contains("must be a public", HostRules.PluginTypeProblem(typeof(HiddenStrategy)));
    }

    [Theory]
    [InlineData(AttuneSdk.Major, AttuneSdk.Minor, true)]
    [InlineData(AttuneSdk.Major, AttuneSdk.Minor + 1, false)]
    [InlineData(AttuneSdk.Major + 1, 0, false)]
    [InlineData(AttuneSdk.Major - 1, AttuneSdk.Minor, false)]
    public void APluginMustBeBuiltForTheSameMajorAndNoNewerMinorSdk(int major, int minor, bool loads)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"Sdk{major}_{minor}"), AssemblyBuilderAccess.Run,
            [new CustomAttributeBuilder(typeof(AttuneSdkAttribute).GetConstructor([typeof(int), typeof(int)])!, [major, minor])]);

        var problem = HostRules.SdkVersionProblem(assembly);

        Assert.Equal(loads, problem is null);
        if (!loads)
        {
            Assert.Contains($"built for Attune SDK {major}.{minor}", problem);
        }
    }

    [Fact]
    public void AnAssemblyWithoutTheSdkIsRefused()
    {
        Assert.Contains("does not reference Attune.Abstractions", HostRules.SdkVersionProblem(typeof(Uri).Assembly));
    }

    private static PlanningContext Planning(double? budget = null, int limit = 10, IReadOnlyList<ScoredCandidate>? candidates = null) =>
        new(LearnerHistoryBuilder.Empty(new LearnerId("alice")), LearnerProfile.Empty, PluginState.Empty,
            candidates ?? Course.Ranked("quiz-1", "quiz-2", "quiz-3"), budget, limit, PluginTestBench.DefaultStart);

    private static LearningPlan Plan(params (string Item, double Minutes, string Reason)[] steps) =>
        new(steps.Select(s => new PlanStep(Course[s.Item], s.Minutes, s.Reason, 1)).ToList());

    [AttunePlugin("hidden")]
    internal sealed class HiddenStrategy : ILearningStrategy
    {
        public PluginState Observe(ObservationContext context) => context.State;

        public LearningPlan Plan(PlanningContext context) => new([]);
    }
}
