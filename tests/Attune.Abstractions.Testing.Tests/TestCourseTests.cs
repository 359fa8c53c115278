namespace Attune.Plugins.Testing.Tests;

public sealed class TestCourseTests
{
    [Fact]
    public void CandidatesCarryTheCourseClassmatesAndCatalogFacts()
    {
        var due = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.FromHours(1));

        var course = new TestCourse("bio101", classmates: 20)
            .Item("quiz-1", minutes: 12, peersEngaged: 15, dueAt: due, title: "Quiz 1", kind: "quiz", skills: ["cells"]);

        var quiz = course["quiz-1"];
        Assert.Equal(new CourseId("bio101"), quiz.Course);
        Assert.Equal(12, quiz.Minutes);
        Assert.Equal(15, quiz.PeersEngaged);
        Assert.Equal(20, quiz.CourseLearners);
        Assert.Equal(due, quiz.DueAt);
        Assert.Equal(TimeSpan.Zero, quiz.DueAt!.Value.Offset);
        Assert.Equal("Quiz 1", quiz.Title);
        Assert.Equal([new SkillId("cells")], quiz.Skills);
    }

    [Fact]
    public void ItemsWithoutMinutesCostWhatTheHostAssumes()
    {
        var course = new TestCourse("bio101").Item("page-1");

        Assert.Equal(TestCourse.DefaultMinutes, course["page-1"].Minutes);
    }

    [Fact]
    public void CatalogEntriesBecomeCandidatesAsTheHostMakesThem()
    {
        var entry = new CatalogEntry(new CourseId("bio101"), new ItemId("essay"), "Essay", "assign", 45, [new SkillId("writing")]);

        var course = new TestCourse("bio101", classmates: 3).Item(entry, peersEngaged: 2);

        Assert.Equal(45, course["essay"].Minutes);
        Assert.Equal("assign", course["essay"].Kind);
        Assert.Throws<ArgumentException>(() => new TestCourse("chem101").Item(entry));
    }

    [Fact]
    public void AskingForAnUnknownItemNamesTheItemsTheCourseHas()
    {
        var course = new TestCourse("bio101").Item("quiz-1").Item("quiz-2");

        var missing = Assert.Throws<KeyNotFoundException>(() => course["quiz-3"]);

        Assert.Contains("quiz-1, quiz-2", missing.Message);
    }

    [Fact]
    public void ImpossibleNumbersAndDuplicateItemsAreRefused()
    {
        var course = new TestCourse("bio101", classmates: 5).Item("quiz-1");

        Assert.Throws<ArgumentException>(() => course.Item("quiz-1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => course.Item("quiz-2", peersEngaged: 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => course.Item("quiz-3", minutes: double.NaN));
    }

    [Fact]
    public void RankedGivesDescendingScoresInTheOrderNamed()
    {
        var course = new TestCourse("bio101").Item("a").Item("b").Item("c");

        var ranked = course.Ranked("c", "a");

        Assert.Equal(["c", "a"], ranked.ItemIds());
        Assert.True(ranked[0].Score > ranked[1].Score);
    }

    [Fact]
    public void ScoredByOrdersBestFirstWithTiesByItemId()
    {
        var course = new TestCourse("bio101", classmates: 10).Item("b", peersEngaged: 5).Item("a", peersEngaged: 5).Item("c", peersEngaged: 9);

        var scored = course.ScoredBy(c => c.PeersEngaged, c => $"{c.PeersEngaged} peers");

        Assert.Equal(["c", "a", "b"], scored.ItemIds());
        Assert.Equal("9 peers", scored.For("c").Reason);
    }
}
