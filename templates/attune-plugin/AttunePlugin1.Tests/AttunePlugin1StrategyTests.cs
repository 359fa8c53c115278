using Attune.Plugins.Testing;

namespace AttunePlugin1.Tests;

public sealed class AttunePlugin1StrategyTests
{
    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _course = new TestCourse("bio101", classmates: 10)
        .Item("quiz-1", minutes: 10)
        .Item("chapter-2", minutes: 25)
        .Item("video-1", minutes: 5);

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(AttunePlugin1Strategy));
    }

    [Fact]
    public void ThePlanKeepsTheOrderAndFitsTheMinutes()
    {
        var strategy = _bench.Create<AttunePlugin1Strategy>();

        var plan = _bench.Learner("alice").Plan(strategy, _course.Ranked("chapter-2", "quiz-1", "video-1"), budgetMinutes: 20);

        Assert.Equal(["quiz-1", "video-1"], plan.ItemIds());
    }

    [Fact]
    public void FinishedItemsAreCountedInTheStateAndLeftOutOfThePlan()
    {
        var strategy = _bench.Create<AttunePlugin1Strategy>();
        var alice = _bench.Learner("alice").Viewed(_course["quiz-1"]).Completed(_course["quiz-1"]);

        var plan = alice.Plan(strategy, _course.Ranked("quiz-1", "chapter-2"));

        Assert.Equal(["chapter-2"], plan.ItemIds());
        Assert.Equal(1, AttunePlugin1Strategy.FinishedItems(alice.StateOf(strategy)));
        alice.EnsureReplayIsDeterministic(strategy);
    }
}
