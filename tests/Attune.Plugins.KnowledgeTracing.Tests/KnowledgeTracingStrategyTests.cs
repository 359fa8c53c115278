using Attune.Learners;
using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Planning;
using Attune.Plugins.Testing;

namespace Attune.Plugins.KnowledgeTracing.Tests;

/// <remarks>The bench's clock starts on Wednesday 2 December 2026 at 09:00 UTC.</remarks>
public sealed class KnowledgeTracingStrategyTests
{
    private static readonly DateTimeOffset Now = PluginTestBench.DefaultStart;

    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _math = new TestCourse("math101", classmates: 20)
        .Item("fractions-1", minutes: 10, skills: ["fractions"], dueAt: Now.AddDays(5))
        .Item("fractions-2", minutes: 10, skills: ["fractions"], dueAt: Now.AddDays(5))
        .Item("place-value-1", minutes: 10, skills: ["place value"], dueAt: Now.AddDays(5))
        .Item("decimals-1", minutes: 15, skills: ["decimals"], dueAt: Now.AddDays(2))
        .Item("decimals-2", minutes: 15, skills: ["decimals"], dueAt: Now.AddDays(2))
        .Item("reading", minutes: 20);

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(KnowledgeTracingStrategy));

        Assert.NotNull(_bench.Create<KnowledgeTracingStrategy>());
    }

    [Fact]
    public void EveryAnswerUpdatesMasteryByTheBktRuleAndTheReaderShowsIt()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice")
            .Answer(_math["fractions-1"], 1, Now.AddDays(-3))
            .Answer(_math["fractions-1"], 0, Now.AddDays(-2))
            .Answer(_math["fractions-2"], 0.8, Now.AddDays(-2).AddMinutes(5));

        var p = BktParameters.Default;
        var expected = BayesianKnowledgeTracing.Update(p.Prior, true, 0, p);
        expected = BayesianKnowledgeTracing.Update(expected, false, 1, p);
        expected = BayesianKnowledgeTracing.Update(expected, true, 5.0 / 1440, p);
        expected = BayesianKnowledgeTracing.Forget(expected, 2 - 5.0 / 1440, p);

        var fractions = Assert.Single(KnowledgeTracingMastery.Read(alice.StateOf(strategy), Now), m => m.Skill == "fractions");
        Assert.Equal(expected, fractions.Mastery, 10);
        Assert.Equal(expected, fractions.Estimate, 10);
        Assert.Equal((3, 2), (fractions.Answers, fractions.Successes));
        Assert.Equal(strategy.Mastery(alice.StateOf(strategy), Now), KnowledgeTracingMastery.Read(alice.StateOf(strategy), Now));
    }

    [Fact]
    public void DescribeShowsMasteryPerSkillAndItemsWithoutSkillsAsItems()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice")
            .Answer(_math["fractions-1"], 1, Now.AddDays(-3))
            .Answer(_math["fractions-2"], 0, Now.AddDays(-2))
            .Answer(_math["place-value-1"], 1, Now.AddDays(-1))
            .Answer(_math["reading"], 1, Now.AddHours(-1));

        var description = alice.Describe(strategy); // as the host asks, checked against the host's rules

        var read = KnowledgeTracingMastery.Read(alice.StateOf(strategy), Now);
        Assert.Equal(read.Where(m => !m.IsItem).Select(m => (m.Skill, m.Estimate, m.LastPracticed)),
            description.Skills.Select(s => (s.Skill.Value, s.Mastery, s.LastPracticed!.Value)));
        var fractions = description.Skills.Single(s => s.Skill.Value == "fractions");
        Assert.Equal(Now.AddDays(-2), fractions.LastPracticed);
        Assert.Equal((2, 1), (fractions.Values["answers"], fractions.Values["successes"]));
        Assert.Equal(fractions.Mastery, fractions.Values["bkt"]);
        Assert.Equal(BktParameters.Default.Learn, fractions.Values["bktLearn"]);
        var reading = Assert.Single(description.Items);
        Assert.Equal(("reading", read.Single(m => m.IsItem).Estimate), (reading.Item.Value, reading.Mastery!.Value));
        Assert.Null(reading.Recall);
    }

    [Fact]
    public void ALearnerNotObservedYetIsDescribedAsKnowingNothing()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();

        var description = strategy.Describe(new DescriptionContext(_bench.Learner("alice").History, PluginState.Empty, Now));

        Assert.Empty(description.Skills);
        Assert.Empty(description.Items);
    }

    [Fact]
    public void DescribeFollowsForgettingUpToNow()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Answer(_math["fractions-1"], 1, Now.AddDays(-1));

        var now = strategy.Describe(new DescriptionContext(alice.History, alice.StateOf(strategy), Now)).Skills[0].Mastery;
        var later = strategy.Describe(new DescriptionContext(alice.History, alice.StateOf(strategy), Now.AddDays(30))).Skills[0].Mastery;

        Assert.Equal(BayesianKnowledgeTracing.Forget(now, 30, BktParameters.Default), later, 12);
        Assert.True(later < now);
    }

    [Fact]
    public void EventsThatAreNeitherAnswersNorLessonsChangeNothing()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Viewed(_math["fractions-1"]).Started(_math["fractions-1"]);

        Assert.True(alice.StateOf(strategy).IsEmpty);
    }

    [Fact]
    public void ItemsWithoutSkillsAreTrackedAsTheirOwnSkill()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Answer(_math["reading"], 1, Now.AddHours(-1));

        var reading = Assert.Single(strategy.Mastery(alice.StateOf(strategy), Now));
        Assert.True(reading.IsItem);
        Assert.Equal("reading", reading.Skill);
    }

    [Fact]
    public void ThePlanPractisesTheWeakestSkillFirstAndSaysItsMastery()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice")
            .Answer(_math["place-value-1"], 1, Now.AddDays(-1))
            .Answer(_math["place-value-1"], 1, Now.AddDays(-1).AddMinutes(2))
            .Answer(_math["fractions-1"], 0, Now.AddDays(-1).AddMinutes(4))
            .Answer(_math["fractions-1"], 1, Now.AddDays(-1).AddMinutes(6));

        var plan = alice.Plan(strategy, _math.Ranked("place-value-1", "reading", "fractions-1", "fractions-2"));

        var fractions = KnowledgeTracingMastery.Read(alice.StateOf(strategy), Now).Single(m => m.Skill == "fractions").Mastery;
        Assert.Equal(["fractions-1", "fractions-2", "place-value-1", "reading"], plan.ItemIds());
        Assert.Equal($"practise fractions: mastery {MasteryWording.Number(fractions)}", plan.Steps[0].Reason);
        Assert.StartsWith("practise place value: mastery 0.", plan.StepFor("place-value-1").Reason);
        Assert.Equal("start reading: new to you", plan.StepFor("reading").Reason);
    }

    [Fact]
    public void APrerequisiteOfTheNextUnitSaysSoAndMaterialBuiltOnUnknownSkillsWaits()
    {
        _bench.Settings["Prerequisites:decimals"] = "fractions";
        _bench.Settings["SkillNames:fractions"] = "Fractions";
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Answer(_math["fractions-1"], 0, Now.AddHours(-2));

        var plan = alice.Plan(strategy, _math.Ranked("decimals-1", "fractions-1", "place-value-1"));

        var fractions = KnowledgeTracingMastery.Read(alice.StateOf(strategy), Now).Single(m => m.Skill == "fractions").Mastery;
        Assert.Equal(["fractions-1", "place-value-1", "decimals-1"], plan.ItemIds());
        Assert.Equal($"practise Fractions: mastery {MasteryWording.Number(fractions)}, needed for the next unit", plan.StepFor("fractions-1").Reason);
        Assert.Equal($"work towards decimals: it builds on Fractions, mastery {MasteryWording.Number(fractions)} so far", plan.StepFor("decimals-1").Reason);
    }

    [Fact]
    public void ThePlanFitsWhatIsLeftOfTheLearnersDayAndTheRequestsBudget()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice");
        alice.Profile = new LearnerProfile([], [], MinutesPerDay: 40);
        alice.Answer(_math["reading"], 1, Now.AddHours(-1), minutes: 15);

        var today = alice.Plan(strategy, _math.Ranked("fractions-1", "decimals-1", "place-value-1", "fractions-2"));
        var capped = alice.Plan(strategy, _math.Ranked("fractions-1", "decimals-1", "place-value-1", "fractions-2"), budgetMinutes: 12);
        var limited = alice.Plan(strategy, _math.Ranked("fractions-1", "decimals-1", "place-value-1", "fractions-2"), limit: 1);

        Assert.True(today.TotalMinutes() <= 25, $"{today.TotalMinutes()} min planned, 25 left today");
        Assert.Equal(25, today.TotalMinutes());
        Assert.Equal(10, capped.TotalMinutes());
        Assert.Single(limited.Steps);
    }

    [Fact]
    public void NoMinutesLeftTodayIsAnEmptyPlan()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice");
        alice.Profile = new LearnerProfile([], [], MinutesPerDay: 10);
        alice.Answer(_math["reading"], 1, Now.AddHours(-1), minutes: 12);

        Assert.Empty(alice.Plan(strategy, _math.Ranked("fractions-1")).Steps);
    }

    [Fact]
    public void ReplayingTheEventsGivesTheSameState()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice")
            .Answer(_math["fractions-1"], 1, Now.AddDays(-3))
            .Complete(_math["reading"], Now.AddDays(-2))
            .Answer(_math["decimals-1"], 0, Now.AddDays(-1))
            .Answer(_math["fractions-1"], 0.2, Now.AddDays(-4)); // arrives late

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void AStateThisVersionCannotReadStartsTheLearnerAfreshAndIsLoggedOnce()
    {
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Answer(_math["fractions-1"], 1, Now.AddDays(-1));
        alice.Store(strategy, new PluginState(99, new byte[] { 1, 2, 3 }));

        alice.Answer(_math["decimals-1"], 1, Now.AddHours(-1)).Answer(_math["decimals-2"], 1, Now.AddHours(-1));

        var state = alice.StateOf(strategy);
        Assert.Equal(KnowledgeState.CurrentVersion, state.Version);
        Assert.Equal(["decimals"], KnowledgeTracingMastery.Read(state, Now).Select(m => m.Skill));
        Assert.Single(_bench.Logger.Entries, e => e.Level == PluginLogLevel.Warning);
    }

    [Fact]
    public void ThePlannedEstimateCanBeTheLogisticPredictor()
    {
        _bench.Settings["Predictor"] = "logistic";
        var strategy = _bench.Create<KnowledgeTracingStrategy>();
        var alice = _bench.Learner("alice").Answer(_math["fractions-1"], 0, Now.AddHours(-1));

        var fractions = Assert.Single(strategy.Mastery(alice.StateOf(strategy), Now));
        Assert.Equal(fractions.PredictedCorrect, fractions.Estimate);
        Assert.NotEqual(fractions.Mastery, fractions.Estimate);
    }

    [Theory]
    [InlineData("Bkt:Guess", "0.6", "would lower mastery")]
    [InlineData("Predictor", "dkt", "Predictor must be 'logistic' or 'bkt'")]
    [InlineData("Prerequisites:fractions", "decimals", "form a cycle")]
    [InlineData("Bkt:Learn", "often", "not a number")]
    public void SettingsThatCannotWorkStopThePluginLoading(string key, string value, string message)
    {
        _bench.Settings["Bkt:Slip"] = "0.4";
        _bench.Settings["Prerequisites:decimals"] = "fractions";
        _bench.Settings[key] = value;

        var refused = Assert.Throws<PluginContractException>(_bench.Create<KnowledgeTracingStrategy>);

        Assert.Contains("Attune:Plugins:Settings:knowledge-tracing", refused.Message);
        Assert.Contains(message, refused.Message);
    }
}
