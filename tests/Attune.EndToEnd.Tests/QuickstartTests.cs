using System.Text.RegularExpressions;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// The quickstart, as a new user would do it: post a course's events, describe its items, read a learner's model,
/// ask what to do next, and redeliver events the way an LMS retrying a push would.
/// </summary>
/// <remarks>
/// Four learners in one course. Alice finished intro and is half-way through quiz-1; her three classmates worked on
/// quiz-1 (all three), lab (bob, dave), quiz-2 (carol) and never on essay. So her plan, by peer engagement, is
/// quiz-1 (3/3), lab (2/3), quiz-2 (1/3), essay (0/3), and intro is left out because she finished it.
/// </remarks>
[Collection(SharedSiloCollection.Name)]
public sealed partial class QuickstartTests(SiloFixture fixture)
{
    [Fact]
    public async Task LearnerModelCountsEveryEventAndTheCourseProgress()
    {
        var alice = await SeedCourseAsync("bio-model");

        var model = await fixture.UniClient.GetLearnerOkAsync(alice);

        Assert.Equal(alice, model.Learner);
        Assert.Equal(4, model.EventsApplied);
        Assert.Equal(4, model.LastSequence);
        Assert.Equal(new Dictionary<string, long> { ["answered"] = 1, ["completed"] = 1, ["started"] = 1, ["viewed"] = 1 }, model.CountsByKind);
        var course = Assert.Single(model.Courses);
        Assert.Equal(("bio-model", 4L, 2, 1, 10.0), (course.Course, course.Events, course.ItemsTouched, course.ItemsFinished, course.Minutes));
        var intro = model.Items.Single(i => i.Item == "intro");
        var quiz = model.Items.Single(i => i.Item == "quiz-1");
        Assert.Equal(TestEvent.Day.AddMinutes(5).UtcDateTime, intro.FinishedAt);
        Assert.Null(quiz.FinishedAt);
        Assert.Equal((1, 0.5, 0.5), (quiz.Attempts, quiz.BestScore, quiz.LastScore));
        Assert.Equal([new LearnerView.DayView(new DateOnly(2026, 11, 1), 10.0)], model.MinutesByDay);
    }

    [Fact]
    public async Task RecommendationsLeaveOutFinishedItemsAndRankByPeerEngagement()
    {
        var alice = await SeedCourseAsync("bio-rank");

        var plan = await fixture.UniClient.GetRecommendationsOkAsync(alice);

        Assert.Equal(["quiz-1", "lab", "quiz-2", "essay"], plan.Items.Select(s => s.Item));
        Assert.Equal([1.0, 0.6667, 0.3333, 0.0], plan.Items.Select(s => s.Score));
        Assert.Equal(["Quiz 1", "Microscope lab", "Quiz 2", "Essay"], plan.Items.Select(s => s.Title));
        Assert.Equal([15.0, 45.0, 20.0, 30.0], plan.Items.Select(s => s.Minutes));
        Assert.All(plan.Items, s => Assert.Equal("bio-rank", s.Course));
        Assert.All(plan.Items, s => Assert.True(Words().Matches(s.Reason).Count >= 4, $"reason of {s.Item} is not a sentence: '{s.Reason}'"));
        // No plugin is configured, so the built-in peer-popularity baseline ranks, and says so.
        Assert.Equal("course-popularity", plan.Plugins.Recommender);
        Assert.Empty(plan.Plugins.Fallbacks);
        Assert.Null(plan.BudgetMinutes);
        Assert.Equal(110.0, plan.PlannedMinutes);
    }

    [Fact]
    public async Task RecommendationsFitTheMinutesTheLearnerHas()
    {
        var alice = await SeedCourseAsync("bio-budget");

        var plan = await fixture.UniClient.GetRecommendationsOkAsync(alice, "?course=bio-budget&minutes=40");
        var one = await fixture.UniClient.GetRecommendationsOkAsync(alice, "?course=bio-budget&limit=1");

        // lab (45 min) ranks second but does not fit; quiz-2 (20 min) does; essay (30 min) no longer does.
        Assert.Equal(["quiz-1", "quiz-2"], plan.Items.Select(s => s.Item));
        Assert.Equal(40.0, plan.BudgetMinutes);
        Assert.Equal(35.0, plan.PlannedMinutes);
        Assert.True(plan.Items.Sum(s => s.Minutes) <= 40.0);
        Assert.Equal(["quiz-1"], one.Items.Select(s => s.Item));
    }

    [Fact]
    public async Task RedeliveredEventsAreReportedAsDuplicatesAndAppliedOnce()
    {
        var alice = await SeedCourseAsync("bio-redeliver");
        var before = await fixture.UniClient.GetLearnerOkAsync(alice);

        var again = await fixture.UniClient.PostEventsOkAsync(AliceEvents("bio-redeliver"));
        var afterAgain = await fixture.UniClient.GetLearnerOkAsync(alice);
        // The same id twice in one batch is a client's mistake, not a redelivery: refused whole, naming the repeat.
        using var repeated = await fixture.UniClient.PostEventsAsync(
        [
            AliceEvents("bio-redeliver")[0],
            new("bio-redeliver-a5", alice, "quiz-1", "submitted", TestEvent.Day.AddMinutes(30), "bio-redeliver", 0.7, 120),
            new("bio-redeliver-a5", alice, "quiz-1", "submitted", TestEvent.Day.AddMinutes(30), "bio-redeliver", 0.7, 120),
        ]);
        var problem = await ResponseAssert.ProblemAsync(repeated, System.Net.HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["events[2].id"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(4, fixture.Journal.CountEvents(SiloFixture.Uni, alice));
        var mixed = await fixture.UniClient.PostEventsOkAsync(
        [
            AliceEvents("bio-redeliver")[0],
            new("bio-redeliver-a5", alice, "quiz-1", "submitted", TestEvent.Day.AddMinutes(30), "bio-redeliver", 0.7, 120),
        ]);
        var afterMixed = await fixture.UniClient.GetLearnerOkAsync(alice);

        Assert.Equal((0, 4), (again.Accepted, again.Duplicates));
        Assert.Equal(AliceEvents("bio-redeliver").Select(e => e.Id).Order(), again.DuplicateIds.Order());
        Assert.Equal(4, afterAgain.EventsApplied);
        Assert.Equal(before.Items, afterAgain.Items);
        Assert.Equal((1, 1), (mixed.Accepted, mixed.Duplicates));
        Assert.Equal(["bio-redeliver-a1"], mixed.DuplicateIds.Order());
        Assert.Equal((5L, 5L), (afterMixed.EventsApplied, afterMixed.LastSequence));
        Assert.Equal(5, fixture.Journal.CountEvents(SiloFixture.Uni, alice));
        Assert.Equal(2, afterMixed.Items.Single(i => i.Item == "quiz-1").Attempts);
    }

    /// <summary>Posts the course's events and catalog; returns the id of the course's alice.</summary>
    private async Task<string> SeedCourseAsync(string course)
    {
        var t = TestEvent.Day;
        string L(string name) => $"{course}-{name}";
        var ack = await fixture.UniClient.PostEventsOkAsync(AliceEvents(course).Concat(
        [
            new($"{course}-b1", L("bob"), "intro", "completed", t, course, null, 300),
            new($"{course}-b2", L("bob"), "quiz-1", "completed", t.AddMinutes(10), course, 0.8, 600),
            new($"{course}-b3", L("bob"), "lab", "viewed", t.AddMinutes(30), course, null, 900),
            new($"{course}-c1", L("carol"), "intro", "completed", t, course),
            new($"{course}-c2", L("carol"), "quiz-1", "viewed", t.AddMinutes(1), course),
            new($"{course}-c3", L("carol"), "quiz-2", "viewed", t.AddMinutes(2), course),
            new($"{course}-d1", L("dave"), "intro", "viewed", t, course),
            new($"{course}-d2", L("dave"), "lab", "viewed", t.AddMinutes(1), course),
            new($"{course}-d3", L("dave"), "quiz-1", "viewed", t.AddMinutes(2), course),
        ]));
        Assert.Equal((13, 0), (ack.Accepted, ack.Duplicates));
        await fixture.UniClient.PutCatalogOkAsync(course, new
        {
            items = new object[]
            {
                new { id = "intro", title = "Introduction", kind = "page", estimatedMinutes = 5 },
                new { id = "quiz-1", title = "Quiz 1", kind = "quiz", estimatedMinutes = 15, skills = new[] { "cells" } },
                new { id = "quiz-2", title = "Quiz 2", kind = "quiz", estimatedMinutes = 20 },
                new { id = "lab", title = "Microscope lab", kind = "lab", estimatedMinutes = 45 },
                new { id = "essay", title = "Essay", kind = "assignment", estimatedMinutes = 30, dueAt = "2026-12-15T23:59:00Z" },
            },
        });
        return L("alice");
    }

    /// <summary>10 minutes on task in all: 2 + 3 + 1 + 4.</summary>
    private static TestEvent[] AliceEvents(string course)
    {
        var t = TestEvent.Day;
        var alice = $"{course}-alice";
        return
        [
            new($"{course}-a1", alice, "intro", "viewed", t, course, null, 120),
            new($"{course}-a2", alice, "intro", "completed", t.AddMinutes(5), course, 0.9, 180),
            new($"{course}-a3", alice, "quiz-1", "started", t.AddMinutes(10), course, null, 60),
            new($"{course}-a4", alice, "quiz-1", "answered", t.AddMinutes(15), course, 0.5, 240, ["cells"]),
        ];
    }

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
