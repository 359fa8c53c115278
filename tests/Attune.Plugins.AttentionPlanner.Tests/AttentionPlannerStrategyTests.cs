using Attune.Learners;
using Attune.Plugins.AttentionPlanner.Learners;
using Attune.Plugins.SpacedRepetition.Fsrs;
using Attune.Plugins.SpacedRepetition.Planning;
using Attune.Plugins.Testing;

namespace Attune.Plugins.AttentionPlanner.Tests;

/// <remarks>The bench's clock starts on Wednesday 2 December 2026 at 09:00 UTC.</remarks>
public sealed class AttentionPlannerStrategyTests
{
    private static readonly DateTimeOffset Now = PluginTestBench.DefaultStart;

    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _math = new TestCourse("math101", classmates: 30)
        .Item("fractions-1", minutes: 10, skills: ["fractions"], dueAt: Now.AddDays(6))
        .Item("decimals-1", minutes: 15, skills: ["decimals"], dueAt: Now.AddDays(2).AddHours(5))
        .Item("cards", minutes: 5, skills: ["place value"], dueAt: Now.AddDays(6))
        .Item("essay", minutes: 20, dueAt: Now.AddDays(2).AddHours(5), title: "Essay")
        .Item("ratios", minutes: 15, skills: ["ratios"], dueAt: Now.AddDays(6))
        .Item("percentages", minutes: 15, skills: ["percentages"], dueAt: Now.AddDays(6))
        .Item("slope", minutes: 20, skills: ["slope"], dueAt: Now.AddDays(6));

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(AttentionPlannerStrategy));

        Assert.NotNull(_bench.Create<AttentionPlannerStrategy>());
    }

    [Fact]
    public void ThePlanSpendsWhatIsLeftOfTheLearnersDayOnTheMostGain()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var alice = _bench.Learner("alice");
        alice.Profile = new LearnerProfile([], [], MinutesPerDay: 45);
        alice.Event(_math["fractions-1"], EventKind.Answered, Now.AddHours(-1), 1, minutes: 15);

        // 30 minutes left: two 15-minute new skills beat the 20-minute one, whatever order they came in.
        var plan = alice.Plan(strategy, _math.Ranked("slope", "ratios", "percentages"));

        Assert.Equal(["percentages", "ratios"], plan.ItemIds().Order(StringComparer.Ordinal));
        Assert.Equal(30, plan.TotalMinutes());
    }

    [Fact]
    public void TheRequestsBudgetCapsTheDayAndASpentDayPlansNothing()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var alice = _bench.Learner("alice");
        alice.Profile = new LearnerProfile([], [], MinutesPerDay: 45);

        Assert.Equal(15, alice.Plan(strategy, _math.Ranked("slope", "ratios", "percentages"), budgetMinutes: 16).TotalMinutes());

        alice.Event(_math["fractions-1"], EventKind.Answered, Now.AddHours(-1), 1, minutes: 50);
        Assert.Empty(alice.Plan(strategy, _math.Ranked("slope", "ratios", "percentages")).Steps);
    }

    [Fact]
    public void AStepDueWithinTwoDaysComesFirstAndSaysWhen()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();

        var plan = _bench.Learner("alice").Plan(strategy, _math.Ranked("ratios", "essay"), budgetMinutes: 60);

        Assert.Equal(["essay", "ratios"], plan.ItemIds());
        Assert.Equal("due Friday; start Essay: new to you", plan.StepFor("essay").Reason);
    }

    [Fact]
    public void AReviewSaysHowFarRecallHasFallen()
    {
        _bench.Settings["MasteryWeight"] = "0";
        _bench.Settings["DueWeight"] = "0";
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var reviewed = Now.AddDays(-9);
        var alice = _bench.Learner("alice").Event(_math["cards"], EventKind.Answered, reviewed, 1);

        var plan = alice.Plan(strategy, _math.Ranked("ratios", "cards"), budgetMinutes: 5);

        var scheduler = new FsrsScheduler(FsrsParameters.Default);
        var recall = scheduler.Retrievability(scheduler.Review(null, reviewed, Rating.Good), Now);
        Assert.Equal($"review now: recall has fallen to {RecallWording.Percent(recall)}", plan.StepFor("cards").Reason);
    }

    [Fact]
    public void PractiseAPrerequisiteOfTheNextUnitAndLeaveWhatBuildsOnItForLater()
    {
        _bench.Settings["KnowledgeTracing:Prerequisites:decimals"] = "fractions";
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var course = new TestCourse("math101")
            .Item("fractions-1", minutes: 10, skills: ["fractions"], dueAt: Now.AddDays(4))
            .Item("decimals-1", minutes: 15, skills: ["decimals"], dueAt: Now.AddDays(5));
        var alice = _bench.Learner("alice")
            .Event(course["fractions-1"], EventKind.Answered, Now.AddHours(-3), 0)
            .Event(course["fractions-1"], EventKind.Answered, Now.AddHours(-3).AddMinutes(1), 0);

        var plan = alice.Plan(strategy, course.Ranked("decimals-1", "fractions-1"), budgetMinutes: 15);

        Assert.Equal(["fractions-1"], plan.ItemIds());
        Assert.Matches(@"^practise fractions: mastery 0\.\d\d, needed for the next unit$", plan.StepFor("fractions-1").Reason);
    }

    [Fact]
    public void EveryStepHasAReasonAndTheHostsRulesHold()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var alice = _bench.Learner("alice").Event(_math["cards"], EventKind.Reviewed, Now.AddDays(-5), 0.9);

        var plan = alice.Plan(strategy, _math.Ranked("slope", "ratios", "percentages", "cards", "essay", "fractions-1", "decimals-1"), budgetMinutes: 90, limit: 5);

        Assert.Equal(5, plan.Steps.Count);
        Assert.All(plan.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void ReplayingTheEventsGivesTheSameState()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var alice = _bench.Learner("alice")
            .Event(_math["cards"], EventKind.Reviewed, Now.AddDays(-5))
            .Event(_math["fractions-1"], EventKind.Answered, Now.AddDays(-4), 0.4)
            .Event(_math["essay"], EventKind.Completed, Now.AddDays(-2))
            .Event(_math["fractions-1"], EventKind.Graded, Now.AddDays(-1), 0.9);

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void Version1BytesWrittenByHandToTheDocumentedLayoutStillRead()
    {
        // Envelope: KT version 1 with no skills (count 0, learner 0, 0, 0, 0.0), then SR version 1 with nothing in it.
        var knowledge = new byte[21];
        var memory = new byte[17];
        var data = new List<byte>();
        data.AddRange(BitConverter.GetBytes(1));
        data.AddRange(BitConverter.GetBytes(knowledge.Length));
        data.AddRange(knowledge);
        data.AddRange(BitConverter.GetBytes(1));
        data.AddRange(BitConverter.GetBytes(memory.Length));
        data.AddRange(memory);

        var read = AttentionState.Read(new PluginState(1, data.ToArray()), out var unreadable);

        Assert.False(BitConverter.IsLittleEndian && unreadable);
        Assert.Empty(read.Knowledge.Skills);
        Assert.Empty(read.Memory.Items);
        Assert.Equal(data, read.ToState().Data.ToArray());
    }

    [Fact]
    public void AStateThisVersionCannotReadStartsTheLearnerAfreshAndIsLoggedOnce()
    {
        var strategy = _bench.Create<AttentionPlannerStrategy>();
        var alice = _bench.Learner("alice").Event(_math["cards"], EventKind.Reviewed, Now.AddDays(-2));
        alice.Store(strategy, new PluginState(3, new byte[] { 1 }));

        alice.Event(_math["fractions-1"], EventKind.Answered, Now.AddDays(-1), 1).Event(_math["ratios"], EventKind.Answered, Now.AddDays(-1), 1);

        Assert.Equal(AttentionState.CurrentVersion, alice.StateOf(strategy).Version);
        Assert.Single(_bench.Logger.Entries, e => e.Level == PluginLogLevel.Warning);
    }

    [Theory]
    [InlineData("KnowledgeTracing:Bkt:Guess", "0.9", "KnowledgeTracing: Bkt: guess")]
    [InlineData("SpacedRepetition:RequestRetention", "0", "SpacedRepetition: RequestRetention")]
    [InlineData("RecallWeight", "-1", "the weights must be finite numbers of at least 0")]
    public void SettingsThatCannotWorkStopThePluginLoading(string key, string value, string message)
    {
        _bench.Settings[key] = value;

        var refused = Assert.Throws<PluginContractException>(_bench.Create<AttentionPlannerStrategy>);

        Assert.Contains(message, refused.Message);
    }
}
