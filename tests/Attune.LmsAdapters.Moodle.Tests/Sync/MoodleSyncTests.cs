using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Moodle.Tests;

public sealed class MoodleSyncTests : IAsyncLifetime
{
    private const string Source = "moodle-test";
    // 2026-11-29T04:00:00Z, just after the fixture site was captured.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795924800);

    private FakeMoodle _moodle = null!;

    public async Task InitializeAsync() => _moodle = await FakeMoodle.StartAsync();

    public async Task DisposeAsync() => await _moodle.DisposeAsync();

    private MoodleSync Sync(TimeProvider? time = null) =>
        new(_moodle.Client(), new MoodleSyncOptions { Source = Source }, time ?? new FixedClock(Now));

    [Fact]
    public async Task AFullSyncMapsTheCapturedCourseToCatalogLearnersAndEvents()
    {
        var result = await Sync().RunAsync(MoodleSyncCursor.Empty);

        Assert.Empty(result.Errors);
        var course = Assert.Single(result.Courses); // course 1 is the front page
        Assert.Equal(new MoodleSyncedCourse(new CourseId("2"), "ITC101", "Integration Test Course",
            DateTimeOffset.FromUnixTimeSeconds(1795910400), null, PolledLearners: true), course);

        Assert.Equal(
            [
                new CatalogEntry(new CourseId("2"), new ItemId("1"), "Welcome page", "page", 5),
                new CatalogEntry(new CourseId("2"), new ItemId("2"), "Reading link", "url", 10),
                new CatalogEntry(new CourseId("2"), new ItemId("3"), "Essay 1", "assign", 60),
            ],
            // The course's structure (order, prerequisites, completion) has tests of its own; this compares the rest.
            result.Catalog.Where(c => c.Recommendable).Select(c => new CatalogEntry(c.Course, c.Item, c.Title, c.Kind, c.EstimatedMinutes, DueAt: c.DueAt)));

        // teacher1 (editingteacher) is enrolled but no learner.
        Assert.Equal(["3", "4"], result.Learners.Select(l => l.Id.Value));
        var sam = result.Learners[0];
        Assert.Equal(("student1", "Sam Student", "student1@example.com", "S-0001"), (sam.UserName, sam.FullName, sam.Email, sam.IdNumber));
        Assert.Equal([new CourseId("2")], sam.Courses);

        var completedAt = DateTimeOffset.FromUnixTimeSeconds(1795922222);
        var completions = result.Events.Where(e => e.Kind == EventKind.Completed).ToList();
        Assert.Equal(6, completions.Count); // cmids 1, 2, 3 for each of the two learners
        Assert.All(completions, e =>
        {
            Assert.Equal(completedAt, e.Timestamp);
            Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
            Assert.Equal(new CourseId("2"), e.Course);
            Assert.Equal(Source, e.Source);
            Assert.Null(e.Score);
        });
        Assert.Contains(completions, e => e.Id == "completion:3:3:1795922222" && e.Learner.Value == "3" && e.Item.Value == "3");

        // Sam's essay: 85 of 0..100. Alex's is ungraded (graderaw null); course totals are not items.
        var graded = Assert.Single(result.Events, e => e.Kind == EventKind.Graded);
        Assert.Equal(("grade:3:3:1795922222", "3", "3", 0.85), (graded.Id, graded.Learner.Value, graded.Item.Value, graded.Score));
        Assert.Equal(completedAt, graded.Timestamp);
        Assert.Equal(7, result.Events.Count);

        // The captured token lacks the optional functions: each skipped part is said, not silently dropped.
        Assert.Equal(MoodleFunctions.Optional, result.Warnings.Where(w => w.Warning.WarningCode == "functionunavailable").Select(w => w.Function));
        Assert.Equal(new MoodleCourseCursor(UpdatesSince: Now.ToUnixTimeSeconds() - 300, SubmissionsSince: 0, FullPassAt: Now.ToUnixTimeSeconds()), result.Cursor.For(2));
        Assert.Equal(Now, result.Cursor.LastPassAt);
    }

    [Fact]
    public async Task SyncingTwiceFromTheSameCursorYieldsTheSameEventIds()
    {
        var first = await Sync().RunAsync(MoodleSyncCursor.Empty);
        var second = await Sync(new FixedClock(Now.AddHours(1))).RunAsync(MoodleSyncCursor.Empty);

        Assert.Equal(first.Events.Select(e => e.Id).Order(), second.Events.Select(e => e.Id).Order());
        Assert.Equal(first.Events.Count, first.Events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task TheCursorSurvivesJsonAndAPassFromItBringsNoNewFactsAboutUnchangedData()
    {
        var first = await Sync().RunAsync(MoodleSyncCursor.Empty);
        var stored = MoodleSyncCursor.FromJson(first.Cursor.ToJson());
        Assert.True(stored.SamePositionAs(first.Cursor));

        var second = await Sync(new FixedClock(Now.AddMinutes(15))).RunAsync(stored);

        Assert.Empty(second.Errors);
        Assert.Subset(first.Events.Select(e => e.Id).ToHashSet(), second.Events.Select(e => e.Id).ToHashSet());
        // The token has no core_course_get_updates_since, so every pass polls every learner.
        Assert.True(Assert.Single(second.Courses).PolledLearners);
    }

    [Fact]
    public async Task WarningsOfSuccessfulRepliesAreRecordedWithTheirCourse()
    {
        _moodle.On(MoodleFunctions.GetActivitiesCompletionStatus, request =>
        {
            var reply = JsonNode.Parse(LmsFixtures.Read("moodle-4.5/core_completion_get_activities_completion_status.json"))!;
            reply["warnings"]!.AsArray().Add(new JsonObject
            {
                ["item"] = "user", ["itemid"] = long.Parse(request["userid"]!), ["warningcode"] = "usernotenroled", ["message"] = "User is not enrolled",
            });
            return FakeReply.Json(reply.ToJsonString());
        });

        var result = await Sync().RunAsync(MoodleSyncCursor.Empty);

        var warnings = result.Warnings.Where(w => w.Function == MoodleFunctions.GetActivitiesCompletionStatus).ToList();
        Assert.Equal([3L, 4L], warnings.Select(w => w.Warning.ItemId!.Value));
        Assert.All(warnings, w =>
        {
            Assert.Equal(new CourseId("2"), w.Course);
            Assert.Equal("usernotenroled", w.Warning.WarningCode);
        });
        Assert.Equal(6, result.Events.Count(e => e.Kind == EventKind.Completed));
    }

    [Fact]
    public async Task OneFailingCourseDoesNotAbortTheOthers()
    {
        // Course 3 is listed before course 2, and its contents fail the way bad data on a site makes them fail.
        _moodle.On(MoodleFunctions.GetCourses, _ =>
        {
            var courses = JsonNode.Parse(LmsFixtures.Read("moodle-4.5/core_course_get_courses.json"))!.AsArray();
            var broken = courses[1]!.DeepClone();
            broken["id"] = 3;
            broken["shortname"] = "ITC102";
            courses.Insert(1, broken);
            return FakeReply.Json(courses.ToJsonString());
        });
        _moodle.On(MoodleFunctions.GetCourseContents, request => request["courseid"] == "3"
            ? FakeReply.Error("invalid_response_exception", "invalidresponse", "Invalid response value detected")
            : null);
        var earlier = MoodleSyncCursor.Empty with
        {
            Courses = MoodleSyncCursor.Empty.Courses.Add(3, new MoodleCourseCursor(UpdatesSince: 1795000000, SubmissionsSince: 1795000000, FullPassAt: 1795000000)),
        };

        var result = await Sync().RunAsync(earlier);

        var error = Assert.Single(result.Errors);
        Assert.Equal((new CourseId("3"), MoodleFunctions.GetCourseContents, "invalidresponse"), (error.Course, error.Function, error.ErrorCode));
        Assert.Equal([new CourseId("2")], result.Courses.Select(c => c.Id));
        Assert.Equal(7, result.Events.Count);
        Assert.Equal(earlier.For(3), result.Cursor.For(3)); // retried in full next time
        Assert.Equal(Now.ToUnixTimeSeconds(), result.Cursor.For(2).FullPassAt);
    }

    [Fact]
    public async Task AnInvalidTokenStopsThePassWithATypedError()
    {
        var sync = new MoodleSync(_moodle.Client(token: "expired"), new MoodleSyncOptions { Source = Source });

        var error = await Assert.ThrowsAsync<MoodleException>(() => sync.RunAsync(MoodleSyncCursor.Empty));

        Assert.Equal("invalidtoken", error.ErrorCode);
        Assert.Single(_moodle.Requests);
    }

    [Fact]
    public async Task AMissingRequiredFunctionIsReportedWithoutCallingAnythingElse()
    {
        _moodle.RemoveFunction(MoodleFunctions.GetActivitiesCompletionStatus);

        var result = await Sync().RunAsync(MoodleSyncCursor.Empty);

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, MoodleFunctions.GetActivitiesCompletionStatus, "missingfunction"), (error.Course, error.Function, error.ErrorCode));
        Assert.Empty(result.Events);
        Assert.Single(_moodle.Requests);
        Assert.True(result.Cursor.SamePositionAs(MoodleSyncCursor.Empty));
    }

    [Fact]
    public async Task QuizAttemptsAndAssignmentSubmissionsBecomeEvents()
    {
        GrantQuizAndAssignmentFunctions();

        var result = await Sync().RunAsync(MoodleSyncCursor.Empty);

        Assert.Empty(result.Errors);
        var quiz = Assert.Single(result.Catalog, c => c.Item.Value == "4");
        Assert.Equal(("Quiz 1", "quiz", 30.0, DateTimeOffset.FromUnixTimeSeconds(1796515200)), (quiz.Title, quiz.Kind, quiz.EstimatedMinutes, quiz.DueAt));

        var attempts = result.Events.Where(e => e.Id.StartsWith("quiz-attempt:", StringComparison.Ordinal)).OrderBy(e => e.Id).ToList();
        // Sam: attempt 11 finished (7 of 10 marks in 900 s), attempt 12 in progress. Alex's only attempt is a preview.
        Assert.Equal(["quiz-attempt:11:3:finished", "quiz-attempt:11:3:started", "quiz-attempt:12:3:started"], attempts.Select(e => e.Id));
        var finished = attempts[0];
        Assert.Equal((EventKind.Submitted, "3", "4", 0.7, 900.0), (finished.Kind, finished.Learner.Value, finished.Item.Value, finished.Score, finished.DurationSeconds));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795923900), finished.Timestamp);
        Assert.Equal(EventKind.Started, attempts[1].Kind);

        // Sam submitted the essay (cmid 3, assignment instance 1); Alex's draft is no submission.
        var submitted = Assert.Single(result.Events, e => e.Id.StartsWith("assign-submission:", StringComparison.Ordinal));
        Assert.Equal(("assign-submission:3:3:1795922100", EventKind.Submitted, "3", "3"), (submitted.Id, submitted.Kind, submitted.Learner.Value, submitted.Item.Value));
        var warning = Assert.Single(result.Warnings, w => w.Function == MoodleFunctions.GetAssignmentSubmissions);
        Assert.Equal(("assignment", 9L), (warning.Warning.Item, warning.Warning.ItemId));

        var submissions = Assert.Single(_moodle.CallsOf(MoodleFunctions.GetAssignmentSubmissions));
        Assert.Equal(("1", "0"), (submissions["assignmentids[0]"], submissions["since"]));
        Assert.Equal(Now.ToUnixTimeSeconds() - 300, result.Cursor.For(2).SubmissionsSince);
    }

    [Fact]
    public async Task AQuietCourseSkipsThePerLearnerCallsUntilAFullRefreshIsDue()
    {
        GrantQuizAndAssignmentFunctions();
        _moodle.AddFunction(MoodleFunctions.GetCourseUpdatesSince);
        _moodle.On(MoodleFunctions.GetCourseUpdatesSince, _ => FakeReply.Json("""{"instances":[],"warnings":[]}"""));
        var first = await Sync().RunAsync(MoodleSyncCursor.Empty);
        var completionCalls = _moodle.CallsOf(MoodleFunctions.GetActivitiesCompletionStatus).Count();

        var quiet = await Sync(new FixedClock(Now.AddMinutes(15))).RunAsync(first.Cursor);
        var due = await Sync(new FixedClock(Now.AddHours(7))).RunAsync(quiet.Cursor);

        Assert.False(Assert.Single(quiet.Courses).PolledLearners);
        Assert.Equal(first.Cursor.For(2).UpdatesSince, _moodle.CallsOf(MoodleFunctions.GetCourseUpdatesSince).First()["since"] is { } since ? long.Parse(since) : -1);
        Assert.True(Assert.Single(due.Courses).PolledLearners);
        Assert.Equal(completionCalls * 2, _moodle.CallsOf(MoodleFunctions.GetActivitiesCompletionStatus).Count());
        // Grades (one call for all users) and submissions (incremental) are read on every pass.
        Assert.Contains(quiet.Events, e => e.Kind == EventKind.Graded);
        Assert.Equal(first.Cursor.For(2).SubmissionsSince.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _moodle.CallsOf(MoodleFunctions.GetAssignmentSubmissions).ElementAt(1)["since"]);
    }

    private void GrantQuizAndAssignmentFunctions()
    {
        foreach (var function in new[] { MoodleFunctions.GetQuizzesByCourses, MoodleFunctions.GetUserAttempts, MoodleFunctions.GetAssignmentSubmissions })
        {
            _moodle.AddFunction(function);
        }
        _moodle.On(MoodleFunctions.GetCourseContents, request =>
        {
            if (request["courseid"] != "2")
            {
                return null;
            }
            var sections = JsonNode.Parse(LmsFixtures.Read("moodle-4.5/core_course_get_contents.json"))!.AsArray();
            sections[1]!["modules"]!.AsArray().Add(new JsonObject
            {
                ["id"] = 4, ["name"] = "Quiz 1", ["instance"] = 1, ["modname"] = "quiz", ["visible"] = 1, ["completion"] = 0,
                ["dates"] = new JsonArray(new JsonObject { ["label"] = "Closes:", ["timestamp"] = 1796515200, ["dataid"] = "timeclose" }),
            });
            return FakeReply.Json(sections.ToJsonString());
        });
        _moodle.On(MoodleFunctions.GetQuizzesByCourses, _ => FakeReply.Json(LmsFixtures.ReadDocumentedShape("mod_quiz_get_quizzes_by_courses.json")));
        _moodle.On(MoodleFunctions.GetUserAttempts, request =>
        {
            var reply = JsonNode.Parse(LmsFixtures.ReadDocumentedShape("mod_quiz_get_user_attempts.json"))!;
            var attempts = reply["attempts"]!.AsArray();
            foreach (var other in attempts.Where(a => a!["userid"]!.ToString() != request["userid"]).ToList())
            {
                attempts.Remove(other);
            }
            return FakeReply.Json(reply.ToJsonString());
        });
        _moodle.On(MoodleFunctions.GetAssignmentSubmissions, _ => FakeReply.Json(LmsFixtures.ReadDocumentedShape("mod_assign_get_submissions.json")));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
