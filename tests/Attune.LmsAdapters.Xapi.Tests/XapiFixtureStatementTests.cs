namespace Attune.LmsAdapters.Xapi.Tests;

/// <summary>Every xAPI statement among the real fixtures either maps or is refused naming its field.</summary>
public sealed class XapiFixtureStatementTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);

    private static XapiStatementMapper Mapper(string? homePage = null) => new(new XapiMappingOptions
    {
        Source = "xapi-test",
        AccountHomePage = homePage,
        TimeProvider = new FixedClock(Received),
    });

    public static TheoryData<string, string?> Fixtures => new()
    {
        // file, the field the refusal must name (null: accepted)
        { "xapi_statement_adl_conformance_default_valid.json", null },
        { "xapi_statement_adl_conformance_invalid_no_actor.json", "actor" },
        { "xapi_statement_adl_conformance_invalid_no_verb.json", "verb" },
        { "xapi_statement_moodle_logstore_assignment_graded.json", null },
        { "xapi_statement_moodle_logstore_assignment_submitted.json", null },
        { "xapi_statement_moodle_logstore_course_viewed.json", null },
        { "xapi_statement_moodle_logstore_module_completion.json", null },
        { "xapi_statement_moodle_logstore_quiz_attempt_submitted_truefalse.json", null },
        { "xapi_statement_spec_example_attempted_with_result.json", null },
        { "xapi_statement_spec_example_long_with_authority_stored.json", null },
        { "moodle-4.5/logstore_xapi_statements_POST_body.json", null },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixtureStatementMapsOrIsRefusedNamingItsField(string file, string? badField)
    {
        var batch = Mapper().MapBatch(LmsFixtures.Read(file));

        if (badField is null)
        {
            Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
            Assert.NotEmpty(batch.StatementIds);
            Assert.All(batch.Statements, s => Assert.True(s.Event is not null ^ s.SkipReason is not null));
        }
        else
        {
            Assert.False(batch.IsValid);
            var error = Assert.Single(batch.Errors);
            Assert.Equal(badField, error.Field);
            Assert.Equal("is required", error.Message);
            Assert.Empty(batch.StatementIds);
        }
    }

    [Fact]
    public void TheRealMoodlePostBodyBecomesTheLearningEventsItDescribes()
    {
        var batch = Mapper("http://127.0.0.1:8088").MapBatch(LmsFixtures.Read("moodle-4.5/logstore_xapi_statements_POST_body.json"));

        Assert.True(batch.IsValid);
        Assert.Equal(12, batch.StatementIds.Count);
        Assert.Equal(12, batch.StatementIds.Distinct().Count());
        Assert.Equal(
            [null, null, "submitted", "completed", "graded", null, "viewed", "viewed", null, "completed", "viewed", "viewed"],
            batch.Statements.Select(s => s.Event?.Kind.Name));
        // registered, enrolled, login and uncompleted are valid xAPI but no learning event.
        Assert.All(batch.Statements.Where(s => s.Event is null), s => Assert.Contains("is not mapped", s.SkipReason));
        Assert.All(batch.Events, e =>
        {
            Assert.Equal("7", e.Learner.Value); // account name under the site's home page
            Assert.Equal("xapi-test", e.Source);
            Assert.Equal(new CourseId("http://127.0.0.1:8088/course/view.php?id=2"), e.Course);
        });
        var scored = batch.Statements[4].Event!;
        Assert.Equal("http://127.0.0.1:8088/mod/assign/view.php?id=3#submission", scored.Item.Value);
        Assert.Equal(0.72, scored.Score); // 72 of 0..100, not the plugin's scaled 0.44
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 19, 58, TimeSpan.Zero), scored.Timestamp);
    }

    [Fact]
    public void AMoodleQuizAttemptCarriesItsScoreAndDurationAndItsAnswersScoreBySuccess()
    {
        var batch = Mapper().MapBatch(LmsFixtures.Read("xapi_statement_moodle_logstore_quiz_attempt_submitted_truefalse.json"));

        var attempt = batch.Statements[0].Event!;
        Assert.Equal((EventKind.Completed, 0.5, 1.0), (attempt.Kind, attempt.Score, attempt.DurationSeconds)); // raw 50 of 100; its scaled says 0.0
        Assert.Equal("1", attempt.Learner.Value);
        Assert.Equal(new CourseId("http://www.example.org/course/view.php?id=2"), attempt.Course);
        var answer = batch.Statements[1].Event!;
        Assert.Equal((EventKind.Answered, 1.0), (answer.Kind, answer.Score));
        Assert.Equal("http://www.example.org/question/question.php?cmid=1&id=1", answer.Item.Value);
        // The fixtures have no timestamp (the plugin's test harness adds it); the receipt time stands in.
        Assert.Equal(Received, attempt.Timestamp);
    }

    [Fact]
    public void TheSpecsAttemptedExampleKeepsItsIdAndMapsToAStartWithItsScoreAndDuration()
    {
        var batch = Mapper().MapBatch(LmsFixtures.Read("xapi_statement_spec_example_attempted_with_result.json"));

        var mapped = Assert.Single(batch.Statements);
        var e = mapped.Event!;
        Assert.Equal(Guid.Parse("7ccd3322-e1a5-411a-a67d-6a735c76f119"), mapped.StatementId);
        Assert.Equal("7ccd3322-e1a5-411a-a67d-6a735c76f119", e.Id);
        Assert.Equal((EventKind.Started, 0.95, 1234.0), (e.Kind, e.Score, e.DurationSeconds));
        Assert.Equal("mailto:example.learner@adlnet.gov", e.Learner.Value);
        Assert.Equal("http://example.adlnet.gov/xapi/example/simpleCBT", e.Item.Value);
        Assert.Equal(new DateTimeOffset(2015, 12, 18, 12, 17, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Null(e.Course);
    }

    [Fact]
    public void UnmappedVerbsAreAcceptedButProduceNoEvent()
    {
        var valid = Mapper().MapBatch(LmsFixtures.Read("xapi_statement_adl_conformance_default_valid.json"));
        var group = Mapper().MapBatch(LmsFixtures.Read("xapi_statement_spec_example_long_with_authority_stored.json"));

        Assert.True(valid.IsValid);
        Assert.Empty(valid.Events);
        Assert.Contains("http://adlnet.gov/expapi/verbs/attended", Assert.Single(valid.Statements).SkipReason);
        Assert.True(group.IsValid);
        Assert.Equal(Guid.Parse("6690e6c9-3ef0-4ed3-8b37-7f3964730bee"), Assert.Single(group.StatementIds));
    }

    [Fact]
    public void StatementsWithoutAnIdGetTheSameDeterministicIdEveryTime()
    {
        var body = LmsFixtures.Read("moodle-4.5/logstore_xapi_statements_POST_body.json");

        var first = Mapper().MapBatch(body).StatementIds;
        var second = new XapiStatementMapper(new XapiMappingOptions { Source = "xapi-test" }).MapBatch(body).StatementIds;

        Assert.Equal(first, second);
        Assert.All(first, id => Assert.Equal(5, id.Version));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
