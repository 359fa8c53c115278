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
    public void APlanWalksTheCoursesPathInTheAuthorsOrderWhenThatOrderIsSound()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "video", "drill", "quiz"]);

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 37, catalog: course);

        Assert.Equal(["lesson-a", "video-a", "drill-a"], plan.ItemIds());
    }

    [Fact]
    public void APoorOrderIsRepairedNotReplaced()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        // Skill b is listed first and, per skill, the quiz before the lesson it rests on.
        var course = Unit(["b", "a"], ["quiz", "drill", "video", "lesson"]);

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 46, catalog: course);

        // Skill a first (b rests on it); within it the video stays before the lesson, as listed, and the lesson moves
        // before the quiz and the drill that rest on it, which keep their listed order: the order is repaired, not replaced.
        Assert.Equal(["video-a", "lesson-a", "quiz-a", "drill-a"], plan.ItemIds().Take(4));
    }

    [Fact]
    public void MinutesNoWholeStepFitsBeginTheNextStepOfThePath()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a"], ["lesson", "video", "drill", "quiz"]);

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 31, catalog: course);

        Assert.Equal(["lesson-a", "video-a", "drill-a"], plan.ItemIds());
        Assert.Equal(4, plan.Steps[2].Minutes, 6);
        Assert.Contains("Start it today: about 4 of its 10 minutes fit", plan.Steps[2].Reason, StringComparison.Ordinal);
        Assert.Equal(31, plan.TotalMinutes(), 6);
    }

    [Fact]
    public void OnceThePathIsWalkedReviewsGoToTheLeastPractisedExercises()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "drill"]);
        var start = Now.AddDays(-20);
        alice.Completed(course[0], start, minutesOnTask: 15);
        alice.Completed(course[2], start.AddHours(1), minutesOnTask: 15);
        // Drill a practised on four days, drill b once; both skills were last practised long ago and mostly answered right.
        for (var day = 0; day < 4; day++)
        {
            for (var q = 0; q < 4; q++)
            {
                alice.Answered(course[1], q == 0 ? 0 : 1, start.AddDays(day).AddHours(3).AddMinutes(q), minutesOnTask: 2);
            }
        }
        for (var q = 0; q < 4; q++)
        {
            alice.Answered(course[3], q == 0 ? 0 : 1, start.AddHours(5).AddMinutes(q), minutesOnTask: 2);
        }

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 10, catalog: course);

        Assert.Equal("drill-b", plan.ItemIds().First());
    }

    [Fact]
    public void OnceThePathIsWalkedReviewsFollowThePathAmongEquals()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        // Listed c, b, a; b rests on a, c on a and b: the path is a, b, c.
        var course = Unit(["c", "b", "a"], ["lesson", "drill"]);
        var start = Now.AddDays(-10);
        // Every drill practised once, a's last (most recently), so an order by time since study would put it last.
        foreach (var (skill, hours) in new[] { ("b", 1), ("c", 2), ("a", 3) })
        {
            LessonAndDrill(alice, course, skill, start.AddHours(hours));
        }

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 30, catalog: course);

        Assert.Equal(["drill-a", "drill-b", "drill-c"], plan.ItemIds());
    }

    [Fact]
    public void OnceThePathIsWalkedMinutesNoWholeReviewFitsBeginTheNextOne()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "drill"]);
        var start = Now.AddDays(-10);
        foreach (var (skill, hours) in new[] { ("a", 1), ("b", 2) })
        {
            LessonAndDrill(alice, course, skill, start.AddHours(hours));
        }

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 15, catalog: course);

        // Drill a whole, then five minutes of drill b; no re-reading of a lesson traded in for the spare minutes.
        Assert.Equal(["drill-a", "drill-b"], plan.ItemIds());
        Assert.Equal(5, plan.Steps[1].Minutes, 6);
        Assert.Contains("Start it today", plan.Steps[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ANextStepThatDoesNotFitIsBegunNotSkippedForAShorterOneFurtherOn()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        // No access rules: the quiz could be taken before the lesson it checks, and is short enough for the minutes.
        var course = Course(("lesson-a", "lesson", 15, "a", null, 0), ("quiz-a", "quiz", 5, "a", null, 1));

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 8, catalog: course);

        var step = Assert.Single(plan.Steps);
        Assert.Equal("lesson-a", step.Candidate.Item.Value);
        Assert.Contains("Start it today", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APracticeSetLeftAfterAQuestionIsPickedUpBeforeTheCourseMovesOn()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "drill"]);
        alice.Completed(course[0], Now.AddHours(-3), minutesOnTask: 15);
        // One right answer in one minute of a ten-minute set, then the day ended.
        alice.Answered(course[1], 1, Now.AddHours(-2), minutesOnTask: 1);

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 25, catalog: course);

        Assert.Equal(["drill-a", "lesson-b"], plan.ItemIds().Take(2));
    }

    [Fact]
    public void WhatTheNextStepBuildsOnIsPractisedFirstWhileTheAnswersShowItIsNotReady()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "drill"]);
        alice.Completed(course[0], Now.AddHours(-3), minutesOnTask: 15);
        // The whole set answered, mostly wrong: the path's next step is lesson b, which builds on a.
        for (var q = 0; q < 6; q++)
        {
            alice.Answered(course[1], q == 5 ? 1 : 0, Now.AddHours(-2).AddMinutes(2 * q), minutesOnTask: 2);
        }

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 25, catalog: course);

        Assert.Equal(["drill-a", "lesson-b"], plan.ItemIds().Take(2));
        Assert.Contains("Practise it before lesson-b", plan.Steps[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALearnerWhoseAnswersShowThePrerequisiteReadyMovesOnAtOnce()
    {
        var strategy = _bench.Create<StudyPlannerStrategy>();
        var alice = _bench.Learner("alice");
        var course = Unit(["a", "b"], ["lesson", "drill"]);
        alice.Completed(course[0], Now.AddHours(-3), minutesOnTask: 15);
        for (var q = 0; q < 6; q++)
        {
            alice.Answered(course[1], 1, Now.AddHours(-2).AddMinutes(2 * q), minutesOnTask: 2);
        }

        var plan = alice.Plan(strategy, Ranked(course), budgetMinutes: 25, catalog: course);

        Assert.Equal("lesson-b", plan.ItemIds().First());
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

    /// <summary>The skill's lesson finished at <paramref name="at"/>, then its whole drill answered right (five answers, ten minutes).</summary>
    private static void LessonAndDrill(LearnerReplay learner, IReadOnlyList<Candidate> course, string skill, DateTimeOffset at)
    {
        learner.Completed(course.Single(c => c.Item.Value == "lesson-" + skill), at, minutesOnTask: 15);
        for (var q = 0; q < 5; q++)
        {
            learner.Answered(course.Single(c => c.Item.Value == "drill-" + skill), 1, at.AddMinutes(20 + q), minutesOnTask: 2);
        }
    }

    private static List<ScoredCandidate> Ranked(IReadOnlyList<Candidate> course) => course.Select((c, i) => new ScoredCandidate(c, -i)).ToList();

    /// <summary>
    /// Per skill, in the order given, one item of each kind (lesson 15, video 12, drill 10, quiz 6 minutes); each skill rests on
    /// the one after it in <paramref name="skills"/> when that is listed later in the alphabet's order (b on a), and a drill
    /// or quiz on its skill's lesson, as the LMS's access rules say.
    /// </summary>
    private static List<Candidate> Unit(string[] skills, string[] kinds)
    {
        var minutes = new Dictionary<string, double> { ["lesson"] = 15, ["video"] = 12, ["drill"] = 10, ["quiz"] = 6 };
        var items = new List<Candidate>();
        foreach (var skill in skills)
        {
            var rests = skills.Where(s => string.CompareOrdinal(s, skill) < 0).ToList();
            foreach (var kind in kinds)
            {
                var id = $"{kind}-{skill}";
                items.Add(new Candidate(new ItemId(id), new CourseId("c"), id, kind, minutes[kind], null, [new SkillId(skill)], 0, 10)
                {
                    Position = items.Count,
                    PrerequisiteSkills = [.. rests.Select(r => new SkillId(r))],
                    Prerequisites = kind is "drill" or "quiz" ? [new ItemId("lesson-" + skill)] : [],
                });
            }
        }
        return items;
    }

    private static List<Candidate> Course(params (string Id, string Kind, double Minutes, string Skill, string? Requires, int Position)[] items) =>
        items.Select(i => new Candidate(new ItemId(i.Id), new CourseId("c"), i.Id, i.Kind, i.Minutes, null, [new SkillId(i.Skill)], 0, 10)
        {
            Position = i.Position,
            PrerequisiteSkills = i.Requires is null ? [] : [new SkillId(i.Requires)],
        }).ToList();
}
