using Attune.Plugins.Testing;

namespace Attune.Plugins.StudyPlanner.Tests;

/// <remarks>The bench's clock starts on Wednesday 2 December 2026 at 09:00 UTC.</remarks>
public sealed class StudyPlannerStrategyTests
{
    private static readonly DateTimeOffset Now = PluginTestBench.DefaultStart;

    private readonly PluginTestBench _bench = new();

    /// <summary>Two skills, the second resting on the first, listed with the second first (a poor order).</summary>
    private readonly IReadOnlyList<Candidate> _course = Course(
        ("lesson-b", "lesson", 15, "b", "a", 0), ("drill-b", "drill", 10, "b", "a", 1),
        ("lesson-a", "lesson", 15, "a", null, 2), ("drill-a", "drill", 10, "a", null, 3),
        ("lesson-c", "lesson", 15, "c", null, 4), ("drill-c", "drill", 10, "c", null, 5));

    [Fact]
    public void ThePluginLoadsAsTheHostWouldLoadIt()
    {
        HostChecks.EnsureLoadable(typeof(StudyPlannerStrategy));

        Assert.NotNull(_bench.Create<StudyPlannerStrategy>());
    }

    [Fact]
    public void APlanTeachesWhatASkillRestsOnBeforeTheSkillWhateverTheCatalogsOrder()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");

        var plan = alice.Plan(strategy, Ranked(_course), budgetMinutes: 25, catalog: _course);

        var items = plan.ItemIds().ToList();
        Assert.DoesNotContain("lesson-b", items);
        Assert.DoesNotContain("drill-b", items);
        Assert.Contains(items, i => i.EndsWith("-a", StringComparison.Ordinal));
    }

    [Fact]
    public void OnceThePrerequisiteIsKnownTheSkillBuiltOnItComesNext()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        alice.Completed(Item("lesson-a"), Now.AddHours(-3), minutesOnTask: 15);
        for (var i = 0; i < 6; i++)
        {
            alice.Answered(Item("drill-a"), 1, Now.AddHours(-2).AddMinutes(i), minutesOnTask: 2);
        }

        var plan = alice.Plan(strategy, Ranked(_course), budgetMinutes: 25, catalog: _course);

        Assert.EndsWith("-b", plan.ItemIds().First(), StringComparison.Ordinal);
        Assert.Contains("builds on a", plan.Steps[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("drill-a", plan.ItemIds());
    }

    [Fact]
    public void AFinishedItemComesBackAsAReviewOnceItHasFaded()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Course(("lesson-a", "lesson", 15, "a", null, 0), ("quiz-a", "quiz", 5, "a", null, 1));
        alice.Completed(course[0], Now.AddDays(-40), minutesOnTask: 15);
        alice.Graded(course[1], 1, Now.AddDays(-40).AddMinutes(20));

        var plan = alice.Plan(strategy, [], budgetMinutes: 20, catalog: course);

        var review = Assert.Single(plan.Steps, s => s.Candidate.Item.Value == "lesson-a");
        Assert.StartsWith("Review a", review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APlanLeavesNoMinutesAnotherUsefulStepWouldFit()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");

        var plan = alice.Plan(strategy, Ranked(_course), budgetMinutes: 40, catalog: _course);

        var left = 40 - plan.TotalMinutes();
        Assert.InRange(left, 0, 40);
        Assert.All(_course.Where(c => !plan.ItemIds().Contains(c.Item.Value)), c => Assert.True(c.Minutes > left, $"{c.Item} ({c.Minutes} min) fits the {left} min left"));
        Assert.True(plan.TotalMinutes() >= 35, $"{plan.TotalMinutes()} of 40 minutes planned");
    }

    [Fact]
    public void AnItemTheLmsKeepsClosedIsPlannedOnlyAfterWhatOpensIt()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Course(("quiz-x", "quiz", 5, "x", null, 0), ("page-y", "page", 10, "y", null, 1));
        course = [course[0] with { Prerequisites = [new ItemId("page-y")] }, course[1]];

        var plan = alice.Plan(strategy, [], budgetMinutes: 15, catalog: course);

        Assert.Equal(["page-y", "quiz-x"], plan.ItemIds());
    }

    [Fact]
    public void ReplayingTheSameEventsGivesTheSameState()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        alice.Completed(Item("lesson-a"), Now.AddHours(-3), minutesOnTask: 15);
        alice.Answered(Item("drill-a"), 0.5, Now.AddHours(-2), minutesOnTask: 2);

        alice.EnsureReplayIsDeterministic(strategy);
    }

    [Fact]
    public void TheLearnerModelShowsMasteryPerSkillFromTheAnswers()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        for (var i = 0; i < 5; i++)
        {
            alice.Answered(Item("drill-a"), 1, Now.AddMinutes(-30 + i), minutesOnTask: 2);
            alice.Answered(Item("drill-c"), 0, Now.AddMinutes(-20 + i), minutesOnTask: 2);
        }

        var description = alice.Describe(strategy);

        var a = Assert.Single(description.Skills, s => s.Skill.Value == "a");
        var c = Assert.Single(description.Skills, s => s.Skill.Value == "c");
        Assert.True(a.Mastery > 0.9 && c.Mastery < 0.2, $"a {a.Mastery}, c {c.Mastery}");
        Assert.Equal(5, a.Values["answers"]);
    }

    private Candidate Item(string id) => _course.Single(c => c.Item.Value == id);

    private static List<ScoredCandidate> Ranked(IReadOnlyList<Candidate> course) => course.Select((c, i) => new ScoredCandidate(c, -i)).ToList();

    private static List<Candidate> Course(params (string Id, string Kind, double Minutes, string Skill, string? Requires, int Position)[] items) =>
        items.Select(i => new Candidate(new ItemId(i.Id), new CourseId("c"), i.Id, i.Kind, i.Minutes, null, [new SkillId(i.Skill)], 0, 10)
        {
            Position = i.Position,
            PrerequisiteSkills = i.Requires is null ? [] : [new SkillId(i.Requires)],
        }).ToList();
}
