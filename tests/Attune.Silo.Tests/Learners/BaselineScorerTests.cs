using Attune.Learners;
using Attune.Plugins;
using Attune.Silo.Learners;

namespace Attune.Silo.Tests.Learners;

public sealed class BaselineScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 3, "1 of your 3 classmates in Biology 101 has worked on this.")]
    [InlineData(2, 3, "2 of your 3 classmates in Biology 101 have worked on this.")]
    [InlineData(3, 3, "All 3 of your classmates in Biology 101 have worked on this.")]
    public void ReasonsNameTheCourseByItsTitleInAGrammaticalSentence(int peers, int classmates, string reason)
    {
        var candidate = new Candidate(new ItemId("7"), new CourseId("4"), "Chapter 1: Cells", "page", 5, null, [], peers, classmates);

        var scored = BaselineScorer.Score(EmptyHistory(), [candidate], Now, c => c.Value == "4" ? "Biology 101" : null);

        Assert.Equal(reason, Assert.Single(scored).Reason);
    }

    [Fact]
    public void ACourseWithNoTitleIsNamedByItsId()
    {
        var candidate = new Candidate(new ItemId("7"), new CourseId("4"), null, null, 5, null, [], 1, 3);

        Assert.Equal("1 of your 3 classmates in 4 has worked on this.", Assert.Single(BaselineScorer.Score(EmptyHistory(), [candidate], Now)).Reason);
    }

    // SDK 2.0 keeps LearnerHistory's constructor to the host; a learner with no events is all these tests need.
    private static LearnerHistory EmptyHistory() =>
        (LearnerHistory)Activator.CreateInstance(typeof(LearnerHistory), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance,
            null, [new LearnerId("3")], null)!;
}
