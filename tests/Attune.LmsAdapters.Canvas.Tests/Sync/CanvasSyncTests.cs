using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;

namespace Attune.LmsAdapters.Canvas.Tests;

public sealed class CanvasSyncTests : IAsyncLifetime
{
    private const string Source = "canvas-test";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    private FakeCanvas _canvas = null!;

    public async Task InitializeAsync() => _canvas = await FakeCanvas.StartAsync();

    public async Task DisposeAsync() => await _canvas.DisposeAsync();

    private CanvasSync Sync(DateTimeOffset? now = null, CanvasSyncOptions? options = null, string token = FakeCanvas.Token) =>
        new(_canvas.Client(token), options ?? new CanvasSyncOptions { Source = Source }, new FakeTimeProvider(now ?? Now));

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AFullSyncMapsTheCoursesToCatalogLearnersAndEvents()
    {
        var result = await Sync().RunAsync(CanvasSyncCursor.Empty);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(
            [new CanvasSyncedCourse(new CourseId("565"), "Algebra I", "ALG-101", FullPass: true), new CanvasSyncedCourse(new CourseId("100123"), "Statistics", "STAT-200", FullPass: true)],
            result.Courses);

        // Module items in order (the SubHeader, the unpublished page and the unpublished module left out), then the
        // published assignment no module shows. Minutes are the documented planning defaults.
        CourseId algebra = new("565"), statistics = new("100123");
        Assert.Equal(
            [
                new CatalogEntry(algebra, new ItemId("wiki_page:12"), "Welcome", "page", 5),
                new CatalogEntry(algebra, new ItemId("attachment:9"), "Syllabus.pdf", "file", 10),
                new CatalogEntry(algebra, new ItemId("module_item:104"), "Reading link", "externalurl", 10),
                new CatalogEntry(algebra, new ItemId("assignment:355"), "Essay 1", "assignment", 60, DueAt: At("2019-11-01T06:59:59Z")),
                new CatalogEntry(algebra, new ItemId("assignment:1234012"), "Lab report", "assignment", 60, DueAt: At("2019-11-08T06:59:59Z")),
                new CatalogEntry(algebra, new ItemId("discussion_topic:7"), "Introduce yourself", "discussion", 15),
                new CatalogEntry(algebra, new ItemId("assignment:359"), "Unlisted homework", "assignment", 60, DueAt: At("2019-11-15T06:59:59Z")),
                new CatalogEntry(statistics, new ItemId("quiz:2223333"), "Quiz 1", "quiz", 20, DueAt: At("2019-11-02T06:59:59Z")),
            ],
            // The course's structure (order, prerequisites, completion) has tests of its own; this compares the rest.
            result.Catalog.Where(c => c.Recommendable).Select(c => new CatalogEntry(c.Course, c.Item, c.Title, c.Kind, c.EstimatedMinutes, DueAt: c.DueAt)));

        // Students only (teacher 987 is enrolled but no learner); the completed enrollment counts.
        Assert.Equal(["48", "61", "14012", "987123"], result.Learners.Select(l => l.Id.Value));
        var ada = result.Learners[0];
        Assert.Equal(("Ada Student", "Student, Ada", "ABC.123", "ada@example.edu"), (ada.Name, ada.SortableName, ada.SisUserId, ada.LoginId));
        Assert.Equal([algebra], ada.Courses);

        Assert.Equal(
            [
                ("submission:11086:1", "48", "assignment:355", "submitted", (double?)null, At("2019-11-01T18:00:00Z")),
                ("grade:11086:5", "48", "assignment:355", "graded", 1.0, At("2019-11-01T19:11:05Z")), // 5 of 1 point, clamped
                ("submission:12345567:12", "14012", "assignment:1234012", "submitted", null, At("2019-11-01T19:11:21Z")),
                ("submission:11090:1", "48", "discussion_topic:7", "submitted", null, At("2019-11-02T10:00:00Z")), // its grade is not posted
                ("submission:11093:2", "61", "assignment:355", "submitted", null, At("2019-11-04T09:00:00Z")),
                ("grade:11093:0.5", "61", "assignment:355", "graded", 0.5, At("2019-11-05T09:00:00Z")),
                ("submission:5000:1", "987123", "quiz:2223333", "submitted", null, At("2019-11-01T19:11:33Z")),
                ("grade:5000:8", "987123", "quiz:2223333", "graded", 0.8, At("2019-11-01T19:11:34Z")),
            ],
            result.Events.Select(e => (e.Id, e.Learner.Value, e.Item.Value, e.Kind.Name, e.Score, e.Timestamp)));
        Assert.All(result.Events, e => Assert.Equal(Source, e.Source));
        Assert.Equal([algebra, algebra, algebra, algebra, algebra, algebra, statistics, statistics], result.Events.Select(e => e.Course!.Value));

        Assert.Equal(new Dictionary<string, string> { ["assignment:358"] = "discussion_topic:7", ["assignment:400"] = "quiz:2223333" }, result.ItemAliases);
        Assert.Equal(new CanvasCourseCursor(Now - TimeSpan.FromMinutes(5), Now), result.Cursor.For(565));
        Assert.Equal(Now, result.Cursor.LastPassAt);
    }

    [Fact]
    public async Task SyncingTwiceYieldsTheSameEventIds()
    {
        var first = await Sync().RunAsync(CanvasSyncCursor.Empty);
        var second = await Sync(Now.AddHours(1)).RunAsync(CanvasSyncCursor.Empty);

        Assert.Equal(first.Events.Select(e => e.Id), second.Events.Select(e => e.Id));
        Assert.Equal(first.Events.Count, first.Events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task TheCursorSurvivesJsonAndTheNextPassAsksOnlyForWhatChangedInTwoCalls()
    {
        var first = await Sync().RunAsync(CanvasSyncCursor.Empty);
        var stored = CanvasSyncCursor.FromJson(first.Cursor.ToJson());
        Assert.True(stored.SamePositionAs(first.Cursor));
        var before = _canvas.Requests.Count;

        var second = await Sync(Now.AddMinutes(15)).RunAsync(stored);

        Assert.Empty(second.Errors);
        Assert.Empty(second.Events); // nothing was submitted or graded after the cursor
        Assert.All(second.Courses, c => Assert.False(c.FullPass));
        var calls = _canvas.Requests.Skip(before).Where(r => r.Path == "api/v1/courses/565/students/submissions").ToList();
        // Canvas ANDs the two filters, so each goes in a call of its own.
        Assert.Equal(2, calls.Count);
        Assert.Equal(("2026-11-29T03:55:00Z", null), (calls[0]["submitted_since"], calls[0]["graded_since"]));
        Assert.Equal((null, "2026-11-29T03:55:00Z"), (calls[1]["submitted_since"], calls[1]["graded_since"]));
        Assert.Equal(new CanvasCourseCursor(Now.AddMinutes(10), Now), second.Cursor.For(565));
    }

    [Fact]
    public async Task WorkSubmittedBeforeTheCursorAndGradedAfterItIsNotMissed()
    {
        // Essay 1 of student 48 was submitted at 18:00 and graded at 19:11:05.
        var cursor = new CanvasSyncCursor(ImmutableDictionary<long, CanvasCourseCursor>.Empty
            .Add(565, new CanvasCourseCursor(At("2019-11-01T19:00:00Z"), Now.AddHours(-1))));

        var result = await Sync(options: new CanvasSyncOptions { Source = Source, CourseIds = [565] }).RunAsync(cursor);

        Assert.False(Assert.Single(result.Courses).FullPass);
        Assert.Contains(result.Events, e => e.Id == "grade:11086:5");
        Assert.DoesNotContain(result.Events, e => e.Id == "grade:5000:8"); // another course
    }

    [Fact]
    public async Task ACourseIsReadWholeAgainOnceTheFullRefreshIntervalHasPassed()
    {
        var first = await Sync().RunAsync(CanvasSyncCursor.Empty);

        var later = await Sync(Now.AddDays(1)).RunAsync(first.Cursor);

        Assert.All(later.Courses, c => Assert.True(c.FullPass));
        Assert.Equal(first.Events.Select(e => e.Id), later.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task OneFailingCourseDoesNotAbortTheOthers()
    {
        _canvas.On("api/v1/courses/100123/enrollments", _ => FakeReply.Unauthorized());
        var previous = new CanvasSyncCursor(ImmutableDictionary<long, CanvasCourseCursor>.Empty.Add(100123, new CanvasCourseCursor(At("2019-01-01T00:00:00Z"), At("2019-01-01T00:00:00Z"))));

        var result = await Sync(options: new CanvasSyncOptions { Source = Source, CourseIds = [565, 777, 100123] }).RunAsync(previous);

        Assert.Equal(["565"], result.Courses.Select(c => c.Id.Value));
        Assert.Equal([("777", 404), ("100123", 403)], result.Errors.Select(e => (e.Course.Value, e.StatusCode!.Value)));
        Assert.Contains("user not authorized to perform that action", result.Errors[1].Message);
        Assert.Equal(6, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal("565", e.Course!.Value.Value));
        // A failed course adds nothing, not even what it read before failing, and keeps its cursor for a retry.
        Assert.DoesNotContain(result.Catalog, c => c.Course.Value == "100123");
        Assert.Equal(previous.For(100123), result.Cursor.For(100123));
        Assert.False(result.Cursor.Courses.ContainsKey(777));
        Assert.Single(_canvas.CallsTo("api/v1/courses/100123/enrollments")); // a permission 403 is not retried
    }

    [Fact]
    public async Task ARefusedTokenStopsThePass()
    {
        var error = await Assert.ThrowsAsync<CanvasApiException>(() => Sync(token: "1~revoked").RunAsync(CanvasSyncCursor.Empty));

        Assert.True(error.IsAuthenticationError);
        Assert.Single(_canvas.Requests);
    }

    [Fact]
    public async Task AnAdminTokenSyncsTheAccountsCourses()
    {
        var result = await Sync(options: new CanvasSyncOptions { Source = Source, AccountId = 1 }).RunAsync(CanvasSyncCursor.Empty);

        Assert.Equal(2, result.Courses.Count);
        Assert.Equal(["available"], Assert.Single(_canvas.CallsTo("api/v1/accounts/1/courses")).All("state[]"));
        Assert.Empty(_canvas.CallsTo("api/v1/courses"));
    }

    [Fact]
    public async Task UnpostedGradesBecomeEventsOnlyWhenAsked()
    {
        var result = await Sync(options: new CanvasSyncOptions { Source = Source, IncludeUnpostedGrades = true }).RunAsync(CanvasSyncCursor.Empty);

        var hidden = Assert.Single(result.Events, e => e.Id == "grade:11090:4");
        Assert.Equal(("discussion_topic:7", 0.8), (hidden.Item.Value, hidden.Score)); // 4 of 5 points
    }

    [Fact]
    public async Task PulledFactsCarryTheIdsOfTheirLiveEventTwins()
    {
        var pulled = await Sync().RunAsync(CanvasSyncCursor.Empty);
        var live = new CanvasLiveEventMapper(new CanvasLiveEventOptions { Source = Source, ItemAliases = pulled.ItemAliases });

        var graded = Assert.Single(live.Map(LmsFixtures.ReadPayload("canvas_live_event_grade_change.json")).Events);
        var submitted = Assert.Single(live.Map(LmsFixtures.ReadPayload("canvas_live_event_submission_created.json")).Events);

        var pulledGrade = Assert.Single(pulled.Events, e => e.Id == graded.Id);
        Assert.Equal((pulledGrade.Learner, pulledGrade.Item, pulledGrade.Course, pulledGrade.Score), (graded.Learner, graded.Item, graded.Course, graded.Score));
        var pulledSubmission = Assert.Single(pulled.Events, e => e.Id == submitted.Id);
        Assert.Equal((pulledSubmission.Learner, pulledSubmission.Item), (submitted.Learner, submitted.Item));
        // REST times carry whole seconds, Live Events milliseconds: the id leaves the time out for that reason.
        Assert.Equal(pulledSubmission.Timestamp, submitted.Timestamp, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task NoMoreThanTwoRequestsAreInFlightWhenSeveralSyncsOfOneTokenRunAtOnce()
    {
        _canvas.Latency = TimeSpan.FromMilliseconds(10);

        await Task.WhenAll(Sync().RunAsync(CanvasSyncCursor.Empty), Sync().RunAsync(CanvasSyncCursor.Empty), Sync().RunAsync(CanvasSyncCursor.Empty));

        Assert.Equal(2, _canvas.MaxInFlight(FakeCanvas.Token));
    }
}
