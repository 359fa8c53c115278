using System.Text.Json.Nodes;
using Attune.LmsAdapters.Caliper;

namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>Every Canvas Live Events fixture, in both formats, lands as the right event or is skipped with a reason.</summary>
public sealed class CanvasLiveEventMapperTests
{
    private const string Source = "canvas-test";

    private static CanvasLiveEventMapper Mapper(CanvasLiveEventOptions? options = null) => new(options ?? new CanvasLiveEventOptions { Source = Source });

    private static CanvasLiveEventResult One(string payload, CanvasLiveEventOptions? options = null)
    {
        var mapping = Mapper(options).Map(payload);
        Assert.True(mapping.IsValid, mapping.Error?.ToString());
        return Assert.Single(mapping.Results);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string> Fixtures => new()
    {
        // file, format, kind ("-" for skipped)
        { "canvas_live_event_asset_accessed_EXCERPT_course_assignments.json", "Canvas", "-" },
        { "canvas_live_event_course_progress.json", "Canvas", "-" },
        { "canvas_live_event_grade_change.json", "Canvas", "graded" },
        { "canvas_live_event_logged_in.json", "Canvas", "-" },
        { "canvas_live_event_quiz_submitted.json", "Canvas", "submitted" },
        { "canvas_live_event_submission_created.json", "Canvas", "submitted" },
        { "canvas_caliper_event_grade_change.json", "Caliper", "graded" },
        { "canvas_caliper_event_quiz_submitted.json", "Caliper", "submitted" },
        { "canvas_caliper_event_submission_created.json", "Caliper", "submitted" },
    };

    [Theory]
    [InlineData("canvas_live_event_quiz_submitted.json", "metadata.event_time")]
    [InlineData("canvas_live_event_submission_created.json", "body.submitted_at")]
    [InlineData("canvas_caliper_event_quiz_submitted.json", "data[0].eventTime")]
    public void AnEventDatedBeyondTheReceiversRuleIsRefusedNamingWhereItsTimeCameFrom(string file, string field)
    {
        var payload = JsonNode.Parse(LmsFixtures.ReadPayload(file))!;
        if (payload["metadata"] is JsonObject metadata)
        {
            if (field == "metadata.event_time")
            {
                metadata["event_time"] = "2100-01-01T00:00:00.000Z";
            }
            else
            {
                payload["body"]!["submitted_at"] = "2100-01-01T00:00:00Z"; // the submission's own time, not the delivery's
            }
        }
        else
        {
            payload["data"]![0]!["eventTime"] = "2100-01-01T00:00:00.000Z";
        }
        var options = new CanvasLiveEventOptions { Source = Source, TimestampProblem = t => t.Year >= 2100 ? "lies in the future" : null };

        var mapping = Mapper(options).Map(payload.ToJsonString());

        Assert.False(mapping.IsValid);
        Assert.Empty(mapping.Events);
        Assert.Equal((field, "lies in the future"), (mapping.Error!.Field, mapping.Error.Message));
    }

    [Fact]
    public void TheTableCoversEveryCanvasFixture()
    {
        Assert.Equal(LmsFixtures.Files("canvas_*.json"), Fixtures.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixtureMapsOrIsSkippedWithAReason(string file, string format, string kind)
    {
        var mapping = Mapper().Map(LmsFixtures.ReadPayload(file));

        Assert.True(mapping.IsValid, mapping.Error?.ToString());
        Assert.Equal(format, mapping.Format.ToString());
        var result = Assert.Single(mapping.Results);
        Assert.Equal(kind, result.Event?.Kind.Name ?? "-");
        Assert.True(result.Event is not null ^ !string.IsNullOrEmpty(result.SkipReason));
        Assert.True(Identifier.IsValid(result.EventId, out _));
        if (result.Event is { } e)
        {
            Assert.Equal(Source, e.Source);
            Assert.Equal(result.EventId, e.Id);
        }
    }

    [Fact]
    public void AGradeChangeCreditsTheStudentNotTheGrader()
    {
        var graded = One(LmsFixtures.ReadPayload("canvas_live_event_grade_change.json")).Event!;

        // metadata.user_id and grader_id are 21070000000000987, the teacher; student_id is 21070000000000048.
        Assert.Equal("48", graded.Learner.Value);
        Assert.Equal("assignment:355", graded.Item.Value);
        Assert.Equal(new CourseId("565"), graded.Course);
        Assert.Equal(1.0, graded.Score); // score 5 of points_possible 1, clamped
        Assert.Equal("grade:11086:5", graded.Id);
        Assert.Equal(At("2019-11-01T19:11:05.222Z"), graded.Timestamp);
    }

    [Theory]
    [InlineData("grade_change")]
    [InlineData("submission_created")]
    [InlineData("quiz_submitted")]
    public void BothFormatsOfOneFactNameTheSameLearnerItemAndCourse(string name)
    {
        var raw = One(LmsFixtures.ReadPayload($"canvas_live_event_{name}.json")).Event!;
        var caliper = One(LmsFixtures.ReadPayload($"canvas_caliper_event_{name}.json")).Event!;

        Assert.Equal((raw.Learner, raw.Item, raw.Kind, raw.Timestamp), (caliper.Learner, caliper.Item, caliper.Kind, caliper.Timestamp));
        if (name != "submission_created")
        {
            Assert.Equal(raw.Course, caliper.Course); // the Caliper submission example has no group; the raw one no context
        }
        if (name != "quiz_submitted")
        {
            Assert.Equal(raw.Id, caliper.Id); // submissions and grades have ids of their own, shared with the pull
        }
        Assert.Equal(raw.Score, caliper.Score);
    }

    [Fact]
    public void ASubmissionKeepsItsAttemptAndCreatedAndUpdatedOfOneAttemptAreOneEvent()
    {
        var created = One(LmsFixtures.ReadPayload("canvas_live_event_submission_created.json")).Event!;
        var payload = LmsFixtures.Payload("canvas_live_event_submission_created.json");
        payload["metadata"]!["event_name"] = "submission_updated";
        payload["metadata"]!["event_time"] = "2019-11-02T08:00:00.000Z";
        payload["body"]!["workflow_state"] = "graded";

        var updated = One(payload.ToJsonString()).Event!;

        Assert.Equal("submission:12345567:12", created.Id);
        Assert.Equal(("14012", "assignment:1234012"), (created.Learner.Value, created.Item.Value));
        Assert.Equal(At("2019-11-01T19:11:21.419Z"), created.Timestamp);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(created.Timestamp, updated.Timestamp); // the time handed in, not the time of the update
    }

    [Fact]
    public void AnUnsubmittedSubmissionIsSkipped()
    {
        var payload = LmsFixtures.Payload("canvas_live_event_submission_created.json");
        payload["metadata"]!["event_name"] = "submission_updated";
        payload["body"]!["workflow_state"] = "unsubmitted";
        payload["body"]!["submitted_at"] = null;

        Assert.Contains("not handed in", One(payload.ToJsonString()).SkipReason);
    }

    [Fact]
    public void ARepeatedEventWithoutAnIdOfItsOwnGetsTheSameDerivedId()
    {
        var payload = LmsFixtures.ReadPayload("canvas_live_event_quiz_submitted.json");

        var first = One(payload);
        var repeat = One(payload);
        var later = LmsFixtures.Payload("canvas_live_event_quiz_submitted.json");
        later["metadata"]!["event_time"] = "2019-11-01T19:30:00.000Z";
        var another = One(later.ToJsonString());

        Assert.Equal(first.EventId, repeat.EventId);
        Assert.StartsWith("quiz_submitted:", first.EventId);
        Assert.NotEqual(first.EventId, another.EventId);
        Assert.Equal(("987123", "quiz:2223333", "100123"), (first.Event!.Learner.Value, first.Event.Item.Value, first.Event.Course!.Value.Value));
    }

    [Fact]
    public void AListPageViewIsSkippedAndASingleItemViewIsAView()
    {
        var list = One(LmsFixtures.ReadPayload("canvas_live_event_asset_accessed_EXCERPT_course_assignments.json"));
        // The same request as a view of one assignment (the referrer's assignment 64541): no asset_subtype.
        var payload = LmsFixtures.Payload("canvas_live_event_asset_accessed_EXCERPT_course_assignments.json");
        var body = payload["body"]!.AsObject();
        body["asset_type"] = "assignment";
        body["asset_id"] = "21070000000064541";
        body.Remove("asset_subtype");

        var view = One(payload.ToJsonString());

        Assert.Equal("a list page (course assignments), not one item", list.SkipReason);
        Assert.StartsWith("asset_accessed:", list.EventId);
        var viewed = view.Event!;
        Assert.Equal(("1", "assignment:64541", "144", "viewed"), (viewed.Learner.Value, viewed.Item.Value, viewed.Course!.Value.Value, viewed.Kind.Name));
        Assert.Equal(At("2019-11-01T00:09:06.753Z"), viewed.Timestamp);
    }

    [Fact]
    public void ACourseHomeViewIsAViewOfTheCourse()
    {
        var payload = LmsFixtures.Payload("canvas_live_event_asset_accessed_EXCERPT_course_assignments.json");
        payload["body"]!.AsObject().Remove("asset_subtype");

        var viewed = One(payload.ToJsonString()).Event!;

        Assert.Equal(("course:144", "144"), (viewed.Item.Value, viewed.Course!.Value.Value));
    }

    [Theory]
    [InlineData("role", "TeacherEnrollment", "the viewer's role is TeacherEnrollment, not a student's")]
    [InlineData("real_user_id", "21070000000000002", "the view was made by someone acting as the user (real_user_id is set)")]
    public void ViewsByStaffOrByAMasqueradingAdminAreSkipped(string field, string value, string reason)
    {
        var payload = LmsFixtures.Payload("canvas_live_event_asset_accessed_EXCERPT_course_assignments.json");
        payload["body"]!.AsObject().Remove("asset_subtype");
        (field == "role" ? payload["body"]! : payload["metadata"]!)[field] = value;

        Assert.Equal(reason, One(payload.ToJsonString()).SkipReason);
    }

    [Fact]
    public void CourseProgressIsSkippedUntilTheCourseIsCompletedAndThenIsOneCompletion()
    {
        var progress = One(LmsFixtures.ReadPayload("canvas_live_event_course_progress.json"));
        var finished = LmsFixtures.Payload("canvas_live_event_course_progress.json");
        finished["body"]!["progress"]!["completed_at"] = "2019-11-01T19:11:13.000Z";
        finished["body"]!["progress"]!["requirement_completed_count"] = 123;
        var completedProgress = One(finished.ToJsonString()).Event!;
        finished["metadata"]!["event_name"] = "course_completed";
        var completed = One(finished.ToJsonString()).Event!;

        Assert.Contains("101 of 123 requirements", progress.SkipReason);
        // course_progress ids are local: course 1234567, user 1122 (LMS-NOTES §2b).
        Assert.Equal(("course-completed:1234567:1122", "1122", "course:1234567", "completed"),
            (completed.Id, completed.Learner.Value, completed.Item.Value, completed.Kind.Name));
        Assert.Equal(At("2019-11-01T19:11:13Z"), completed.Timestamp);
        Assert.Equal(completed.Id, completedProgress.Id);
    }

    [Fact]
    public void ALoginIsSkippedBecauseItNamesNoLearningItem()
    {
        var login = One(LmsFixtures.ReadPayload("canvas_live_event_logged_in.json"));

        Assert.Null(login.Event);
        Assert.StartsWith("a login or logout names no learning item", login.SkipReason);
    }

    [Fact]
    public void MutedAndRemovedGradesAreSkippedAndMutedOnesCountWhenAsked()
    {
        var muted = LmsFixtures.Payload("canvas_live_event_grade_change.json");
        muted["body"]!["muted"] = true;
        var removed = LmsFixtures.Payload("canvas_live_event_grade_change.json");
        removed["body"]!["score"] = null;
        removed["body"]!["grade"] = null;

        Assert.Contains("muted", One(muted.ToJsonString()).SkipReason);
        Assert.NotNull(One(muted.ToJsonString(), new CanvasLiveEventOptions { Source = Source, IncludeUnpostedGrades = true }).Event);
        Assert.Equal("the grade was removed (no score)", One(removed.ToJsonString()).SkipReason);
    }

    [Fact]
    public void ItemAliasesFromTheSyncCreditAQuizGradeToTheQuiz()
    {
        var options = new CanvasLiveEventOptions
        {
            Source = Source,
            ItemAliases = new Dictionary<string, string> { ["assignment:355"] = "quiz:2223333" },
        };

        var graded = One(LmsFixtures.ReadPayload("canvas_live_event_grade_change.json"), options).Event!;
        var caliper = One(LmsFixtures.ReadPayload("canvas_caliper_event_grade_change.json"), options).Event!;

        Assert.Equal("quiz:2223333", graded.Item.Value);
        Assert.Equal("quiz:2223333", caliper.Item.Value);
    }

    [Fact]
    public void IdsOfAnotherShardStayGlobalWhenTheHomeShardIsKnown()
    {
        // The quiz_submitted example mixes shards: the user and course on 2107, the quiz on 1121.
        var options = new CanvasLiveEventOptions { Source = Source, Ids = new CanvasIds(homeShard: 2107) };

        var submitted = One(LmsFixtures.ReadPayload("canvas_live_event_quiz_submitted.json"), options).Event!;

        Assert.Equal(("987123", "quiz:11210000002223333", "100123"), (submitted.Learner.Value, submitted.Item.Value, submitted.Course!.Value.Value));
    }

    [Fact]
    public void PayloadsOfNeitherFormatOrMissingTheirNameAreRefusedNamingTheField()
    {
        var nameless = LmsFixtures.Payload("canvas_live_event_logged_in.json");
        nameless["metadata"]!.AsObject().Remove("event_name");
        var oldCaliper = JsonNode.Parse(LmsFixtures.ReadPayload("canvas_caliper_event_grade_change.json"))!;
        oldCaliper["dataVersion"] = "http://purl.imsglobal.org/ctx/caliper/v1p0";

        Assert.Equal("metadata.event_name", Mapper().Map(nameless.ToJsonString()).Error!.Field);
        Assert.Equal(CaliperErrorKind.UnsupportedDataVersion, Mapper().Map(oldCaliper.ToJsonString()).Error!.Kind);
        Assert.Equal(CanvasLiveEventFormat.Unknown, Mapper().Map("""{"event":"x"}""").Format);
        Assert.False(Mapper().Map("""{"event":"x"}""").IsValid);
        Assert.False(Mapper().Map("not json").IsValid);
    }

    [Fact]
    public void AnUnknownEventIsAcceptedAndSkipped()
    {
        var payload = LmsFixtures.Payload("canvas_live_event_logged_in.json");
        payload["metadata"]!["event_name"] = "wiki_page_updated";

        Assert.Equal("the event wiki_page_updated is not mapped to an event kind", One(payload.ToJsonString()).SkipReason);
    }
}
