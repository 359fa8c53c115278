namespace Attune.LmsAdapters.Caliper.Tests;

/// <summary>Every Caliper payload among the real fixtures maps to the events it describes, or is skipped with a reason.</summary>
public sealed class CaliperFixtureMappingTests
{
    private const string Source = "caliper-test";

    private static CaliperEventMapper Mapper() => new(new CaliperMappingOptions { Source = Source });

    public static TheoryData<string, string> Fixtures => new()
    {
        // file, the kind of each event in data[] ("-" for skipped)
        { "caliper_envelope_event_batch.json", "viewed - viewed" },
        { "caliper_envelope_event_single.json", "started" },
        { "caliper_event_assessment_item_completed.json", "answered" },
        { "caliper_event_assessment_submitted.json", "submitted" },
        { "caliper_event_assignable_activated.json", "-" },
        { "caliper_event_grade_graded.json", "graded" },
        { "caliper_event_navigation_navigated_to.json", "viewed" },
        { "caliper_event_navigation_navigated_to_thinned.json", "viewed" },
        { "caliper_event_session_logged_in.json", "-" },
        { "caliper_event_view_viewed.json", "viewed" },
        { "canvas_caliper_event_grade_change.json", "graded" },
        { "canvas_caliper_event_quiz_submitted.json", "submitted" },
        { "canvas_caliper_event_submission_created.json", "submitted" },
    };

    [Fact]
    public void TheTableCoversEveryCaliperFixture()
    {
        var listed = Fixtures.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(
            LmsFixtures.Files("caliper_*.json").Concat(LmsFixtures.Files("canvas_caliper_*.json")).Order(),
            listed.Order());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixtureMapsOrIsSkippedWithAReason(string file, string kinds)
    {
        var batch = Mapper().MapBody(LmsFixtures.ReadEnvelope(file));

        Assert.True(batch.IsValid, batch.Error?.ToString());
        Assert.Equal(kinds.Split(' '), batch.Results.Select(r => r.Event?.Kind.Name ?? "-"));
        Assert.All(batch.Results, r =>
        {
            Assert.True(r.Event is not null ^ r.SkipReason is not null);
            Assert.StartsWith("urn:uuid:", r.EventId);
        });
        Assert.All(batch.Events, e =>
        {
            Assert.Equal(Source, e.Source);
            Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        });
    }

    [Fact]
    public void AGradeEventCreditsTheAssigneeNotTheGraderWithTheScoreScaled()
    {
        var graded = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_grade_graded.json")).Events);

        // The actor is https://example.edu/autograder, a SoftwareApplication.
        Assert.Equal("https://example.edu/users/554433", graded.Learner.Value);
        Assert.Equal("https://example.edu/terms/201601/courses/7/sections/1/assess/1", graded.Item.Value);
        Assert.Equal(10.0 / 15.0, graded.Score);
        Assert.Equal(new CourseId("https://example.edu/terms/201601/courses/7/sections/1"), graded.Course);
        Assert.Equal("urn:uuid:a50ca17f-5971-47bb-8fca-4e6e6879001d", graded.Id);
        Assert.Equal(new DateTimeOffset(2016, 11, 15, 10, 57, 6, TimeSpan.Zero), graded.Timestamp);
        Assert.Null(graded.DurationSeconds); // the attempt's duration is the learner's, not the grading's
    }

    [Fact]
    public void CanvasGradeChangeInCaliperCreditsTheStudentNotTheInstructorAndClampsTheOverfullScore()
    {
        var graded = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("canvas_caliper_event_grade_change.json")).Events);

        // actor urn:…:user:21070000000000987 is the teacher (membership role Instructor); the student is the assignee.
        Assert.Equal("urn:instructure:canvas:user:21070000000000048", graded.Learner.Value);
        Assert.Equal("urn:instructure:canvas:assignment:21070000000000355", graded.Item.Value);
        Assert.Equal(1.0, graded.Score); // scoreGiven 5 of maxScore 1
    }

    [Fact]
    public void AnAttemptObjectCreditsItsAssignableAndAssignee()
    {
        var submitted = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("canvas_caliper_event_submission_created.json")).Events);
        var quiz = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("canvas_caliper_event_quiz_submitted.json")).Events);

        Assert.Equal("urn:instructure:canvas:assignment:21070000001234012", submitted.Item.Value);
        Assert.Equal("urn:instructure:canvas:user:21070000000014012", submitted.Learner.Value);
        Assert.Null(submitted.Course); // the example has no group
        Assert.Equal("urn:instructure:canvas:quiz:11210000002223333", quiz.Item.Value);
        Assert.Equal(new CourseId("urn:instructure:canvas:course:21070000000100123"), quiz.Course);
    }

    [Fact]
    public void AnAssessmentSubmissionCarriesTheAttemptsDuration()
    {
        var submitted = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_assessment_submitted.json")).Events);

        Assert.Equal(630, submitted.DurationSeconds); // PT10M30S
        Assert.Equal("https://example.edu/terms/201601/courses/7/sections/1/assess/1", submitted.Item.Value);
    }

    [Fact]
    public void ThinnedEntitiesMapByTheirIris()
    {
        var thinned = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_navigation_navigated_to_thinned.json")).Events);
        var full = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_navigation_navigated_to.json")).Events);

        Assert.Equal((full.Learner, full.Item, full.Course, full.Kind), (thinned.Learner, thinned.Item, thinned.Course, thinned.Kind));
        Assert.NotEqual(full.Id, thinned.Id); // two events, two Caliper ids
    }

    [Fact]
    public void ResolversTurnIrisIntoTheIdsTheRestOfAttuneUses()
    {
        var mapper = new CaliperEventMapper(new CaliperMappingOptions
        {
            Source = Source,
            LearnerIdFromIri = iri => iri.StartsWith("https://example.edu/users/", StringComparison.Ordinal) ? iri[26..] : null,
            ItemIdFromIri = iri => iri.EndsWith("/pages/2", StringComparison.Ordinal) ? "page-2" : null,
            CourseIdFromIri = _ => "cps-435",
        });

        var viewed = Assert.Single(mapper.MapBody(LmsFixtures.ReadEnvelope("caliper_event_navigation_navigated_to.json")).Events);

        Assert.Equal(("554433", "page-2", "cps-435"), (viewed.Learner.Value, viewed.Item.Value, viewed.Course!.Value.Value));
    }

    [Fact]
    public void InstructorActionsAndLoginsAreSkippedWithTheirReasons()
    {
        var activated = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_assignable_activated.json")).Results);
        var login = Assert.Single(Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_event_session_logged_in.json")).Results);
        var bookmark = Mapper().MapBody(LmsFixtures.ReadEnvelope("caliper_envelope_event_batch.json")).Results[1];

        Assert.Contains("instructor publishing", activated.SkipReason);
        Assert.Contains("session event (LoggedIn)", login.SkipReason);
        Assert.Equal("AnnotationEvent with action Bookmarked is not mapped to an event kind", bookmark.SkipReason);
    }

    [Fact]
    public void AnEnvelopeMappedTwiceGivesTheSameEventIds()
    {
        var body = LmsFixtures.ReadEnvelope("caliper_envelope_event_batch.json");

        var first = Mapper().MapBody(body);
        var second = Mapper().MapBody(body);

        Assert.Equal(first.Results.Select(r => r.EventId), second.Results.Select(r => r.EventId));
        Assert.Equal(
            ["urn:uuid:72f66ce5-d2ec-44cc-bce5-41602e1015dc", "urn:uuid:c0afa013-64df-453f-b0a6-50f3efbe4cc0", "urn:uuid:94bad4bd-a7b1-4c3e-ade4-2253efe65172"],
            first.Results.Select(r => r.EventId));
    }
}
