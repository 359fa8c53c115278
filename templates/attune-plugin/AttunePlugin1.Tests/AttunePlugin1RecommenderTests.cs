using Attune.Plugins.Testing;

namespace AttunePlugin1.Tests;

public sealed class AttunePlugin1RecommenderTests
{
    private readonly PluginTestBench _bench = new();

    private readonly TestCourse _course = new TestCourse("bio101", classmates: 10)
        .Item("quiz-1", peersEngaged: 9)
        .Item("chapter-2", peersEngaged: 4)
        .Item("video-1", peersEngaged: 6);

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(AttunePlugin1Recommender));
    }

    [Fact]
    public void UnfinishedItemsAreRankedByTheShareOfClassmatesWhoEngaged()
    {
        var recommender = _bench.Create<AttunePlugin1Recommender>();
        var alice = _bench.Learner("alice").Completed(_course["quiz-1"]);

        var scored = alice.Score(recommender, _course.Candidates);

        Assert.Equal(["video-1", "chapter-2"], scored.ItemIds());
        Assert.Equal("6 of your 10 classmates in bio101 worked on this.", scored.For("video-1").Reason);
    }
}
