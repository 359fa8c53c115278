using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Xapi.Tests;

/// <summary>The LRS validation rules of LMS-NOTES §3 and §6, each on a copy of a real fixture statement with one field broken.</summary>
public sealed class XapiStatementRulesTests
{
    private static readonly XapiStatementMapper Mapper = new(new XapiMappingOptions { Source = "xapi-test" });

    private static JsonObject Attempted() =>
        JsonNode.Parse(LmsFixtures.Read("xapi_statement_spec_example_attempted_with_result.json"))!.AsObject();

    private static XapiFieldError SingleError(JsonNode statement)
    {
        var batch = Mapper.MapBatch(statement.ToJsonString());
        Assert.False(batch.IsValid);
        return Assert.Single(batch.Errors);
    }

    [Fact]
    public void AStatementWhoseActorCannotBeALearnerIdIsRefusedNotAcknowledged()
    {
        var statement = Attempted();
        statement["actor"] = new JsonObject
        {
            ["objectType"] = "Agent",
            ["account"] = new JsonObject { ["homePage"] = "https://lms.example.edu", ["name"] = new string('n', 300) },
        };

        var batch = Mapper.MapBatch(statement.ToJsonString());

        Assert.False(batch.IsValid);
        Assert.Empty(batch.StatementIds);
        Assert.Empty(batch.Events);
        var error = Assert.Single(batch.Errors);
        Assert.Equal("actor.account.name", error.Field);
        Assert.Contains("at most 256 characters", error.Message);
    }

    [Fact]
    public void AStatementWhoseObjectCannotBeAnItemIdIsRefusedNamingIt()
    {
        var statement = Attempted();
        statement["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = "https://lms.example.edu/" + new string('a', 300) };

        Assert.Equal("object.id", SingleError(statement).Field);
    }

    [Fact]
    public void AStatementDatedBeyondTheReceiversRuleIsRefusedNamingTheTimestamp()
    {
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi-test",
            TimestampProblem = t => t.Year >= 2100 ? "lies in the future" : null,
        });
        var statement = Attempted();
        statement["timestamp"] = "2100-01-01T00:00:00Z";

        var batch = mapper.MapBatch(statement.ToJsonString());

        Assert.False(batch.IsValid);
        Assert.Equal(new XapiFieldError("timestamp", "lies in the future"), Assert.Single(batch.Errors));
        statement["timestamp"] = "2026-11-01T00:00:00Z";
        Assert.True(mapper.MapBatch(statement.ToJsonString()).IsValid);
    }

    [Fact]
    public void AKeyGivenTwiceIsRefusedNotResolvedToItsLastValue()
    {
        var json = Attempted().ToJsonString();
        var twice = json.Replace("\"verb\":", "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"verb\":", StringComparison.Ordinal);

        var batch = Mapper.MapBatch(twice);

        Assert.False(batch.IsValid);
        Assert.Contains("verb", batch.BodyError);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.01)]
    public void AScaledScoreOutsideMinusOneToOneIsRefused(double scaled)
    {
        var statement = Attempted();
        statement["result"]!["score"]!["scaled"] = scaled;

        Assert.Equal("result.score.scaled", SingleError(statement).Field);
    }

    [Fact]
    public void ARawScoreOutsideMinAndMaxIsRefused()
    {
        var statement = Attempted();
        statement["result"]!["score"] = new JsonObject { ["raw"] = 120, ["min"] = 0, ["max"] = 100 };

        Assert.Equal("result.score.raw", SingleError(statement).Field);
    }

    [Fact]
    public void AMinNotBelowMaxIsRefused()
    {
        var statement = Attempted();
        statement["result"]!["score"] = new JsonObject { ["min"] = 10, ["max"] = 10 };

        Assert.Equal("result.score.min", SingleError(statement).Field);
    }

    [Fact]
    public void ABooleanSentAsAStringIsRefused()
    {
        var statement = Attempted();
        statement["result"]!["success"] = "true";

        var error = SingleError(statement);
        Assert.Equal("result.success", error.Field);
        Assert.Contains("not a string", error.Message);
    }

    [Theory]
    [InlineData("P4W1D")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("1H")]
    [InlineData("PT1,5S")]
    public void ABadDurationIsRefused(string duration)
    {
        var statement = Attempted();
        statement["result"]!["duration"] = duration;

        Assert.Equal("result.duration", SingleError(statement).Field);
    }

    [Theory]
    [InlineData("PT1H0M0S", 3600)]
    [InlineData("PT1234S", 1234)]
    [InlineData("PT1.5S", 1.5)]
    [InlineData("P4W", 2_419_200)]
    [InlineData("P1DT2H", 93_600)]
    [InlineData("P3Y1M29DT4H35M59.14S", 3 * 365 * 86400 + 30 * 86400 + 29 * 86400 + 4 * 3600 + 35 * 60 + 59.14)]
    public void DurationsBecomeSeconds(string duration, double seconds)
    {
        Assert.True(XapiDuration.TryParse(duration, out var parsed));
        Assert.Equal(seconds, parsed, 6);
    }

    [Fact]
    public void ADurationOverADayIsDroppedButTheEventKept()
    {
        var statement = Attempted();
        statement["result"]!["duration"] = "P3Y1M29DT4H35M59.14S";

        var e = Assert.Single(Mapper.MapBatch(statement.ToJsonString()).Events);

        Assert.Null(e.DurationSeconds);
        Assert.Equal(0.95, e.Score);
    }

    [Theory]
    [InlineData("2015-12-18T12:17:00-00:00")]
    [InlineData("2015-12-18T12:17:00-0000")]
    [InlineData("2015-12-18T12:17:00-00")]
    [InlineData("2015-13-18T12:17:00Z")]
    [InlineData("18/12/2015 12:17")]
    public void ABadTimestampIsRefused(string timestamp)
    {
        var statement = Attempted();
        statement["timestamp"] = timestamp;

        Assert.Equal("timestamp", SingleError(statement).Field);
    }

    [Theory]
    [InlineData("2015-12-18T14:17:00+02:00")]
    [InlineData("2015-12-18T14:17:00+0200")]
    [InlineData("2015-12-18T12:17:00Z")]
    [InlineData("2015-12-18T12:17:00.000Z")]
    [InlineData("2015-12-18T07:17:00-05")]
    [InlineData("2015-12-18T12:17:00")]
    public void TimestampsWithAnyOffsetBecomeUtc(string timestamp)
    {
        var statement = Attempted();
        statement["timestamp"] = timestamp;

        var e = Assert.Single(Mapper.MapBatch(statement.ToJsonString()).Events);

        Assert.Equal(new DateTimeOffset(2015, 12, 18, 12, 17, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void AVerbIdWithoutASchemeIsRefused()
    {
        var statement = Attempted();
        statement["verb"]!["id"] = "adlnet.gov/expapi/verbs/attempted";

        Assert.Equal("verb.id", SingleError(statement).Field);
    }

    [Fact]
    public void ABadUuidIsRefused()
    {
        var statement = Attempted();
        statement["id"] = "7ccd3322e1a5411aa67d6a735c76f119";

        Assert.Equal("id", SingleError(statement).Field);
    }

    [Fact]
    public void AnAgentWithTwoIdentifiersIsRefused()
    {
        var statement = Attempted();
        statement["actor"]!["openid"] = "http://learner.openid.example.org/";

        Assert.Equal("actor", SingleError(statement).Field);
    }

    [Fact]
    public void AnMboxWithoutMailtoIsRefused()
    {
        var statement = Attempted();
        statement["actor"]!["mbox"] = "example.learner@adlnet.gov";

        Assert.Equal("actor.mbox", SingleError(statement).Field);
    }

    [Fact]
    public void AMissingObjectIsRefused()
    {
        var statement = Attempted();
        statement.Remove("object");

        Assert.Equal("object", SingleError(statement).Field);
    }

    [Fact]
    public void OneBadStatementRefusesTheWholeBatchAndNamesItsPosition()
    {
        var good = Attempted();
        good.Remove("id");
        var bad = Attempted();
        bad.Remove("id");
        bad["result"]!["score"]!["scaled"] = 2;

        var batch = Mapper.MapBatch(new JsonArray(good, bad).ToJsonString());

        Assert.False(batch.IsValid);
        Assert.Equal("[1].result.score.scaled", Assert.Single(batch.Errors).Field);
        Assert.Empty(batch.StatementIds);
        Assert.True(batch.Statements[0].IsAccepted);
    }

    [Fact]
    public void TwoStatementsWithOneIdInABatchAreRefused()
    {
        var batch = Mapper.MapBatch(new JsonArray(Attempted(), Attempted()).ToJsonString());

        Assert.Equal("[1].id", Assert.Single(batch.Errors).Field);
    }

    [Fact]
    public void ABodyThatIsNotJsonOrNotAStatementIsRefusedWhole()
    {
        Assert.Contains("not valid JSON", Assert.Single(Mapper.MapBatch("{\"actor\":").Errors).Message);
        Assert.Contains("statement object or an array", Assert.Single(Mapper.MapBatch("42").Errors).Message);
        Assert.True(Mapper.MapBatch("[]").IsValid);
    }

    [Fact]
    public void APutTakesItsIdFromTheQueryAndRefusesADifferentOne()
    {
        var statement = Attempted();
        statement.Remove("id");
        var putId = Guid.Parse("0f7c3b8e-5d1a-4c2b-9e6f-a1b2c3d4e5f6");

        var put = Mapper.MapBatch(statement.ToJsonString(), putId);
        var conflicting = Mapper.MapBatch(Attempted().ToJsonString(), putId);
        var array = Mapper.MapBatch(new JsonArray(statement.DeepClone()).ToJsonString(), putId);

        Assert.Equal(putId.ToString("D"), Assert.Single(put.Events).Id);
        Assert.Equal("id", Assert.Single(conflicting.Errors).Field);
        Assert.False(array.IsValid);
    }

    [Theory]
    [InlineData("""{"account":{"homePage":"http://127.0.0.1:8088/","name":"7"}}""", "7")]
    [InlineData("""{"account":{"homePage":"https://other.example","name":"7"}}""", "https://other.example#7")]
    [InlineData("""{"mbox":"mailto:sam@example.com"}""", "mailto:sam@example.com")]
    [InlineData("""{"mbox_sha1sum":"EBD31E95054C018B10727CCFFD2EF2EC3A016EE9"}""", "mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9")]
    [InlineData("""{"openid":"http://toby.openid.example.org/"}""", "http://toby.openid.example.org/")]
    public void TheLearnerIsTheActorsOneIdentifier(string actor, string learner)
    {
        var statement = Attempted();
        statement["actor"] = JsonNode.Parse(actor);
        var mapper = new XapiStatementMapper(new XapiMappingOptions { Source = "xapi-test", AccountHomePage = "http://127.0.0.1:8088" });

        Assert.Equal(learner, Assert.Single(mapper.MapBatch(statement.ToJsonString()).Events).Learner.Value);
    }

    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/completed", "completed")]
    [InlineData("http://adlnet.gov/expapi/verbs/answered", "answered")]
    [InlineData("http://adlnet.gov/expapi/verbs/attempted", "started")]
    [InlineData("http://adlnet.gov/expapi/verbs/passed", "graded")]
    [InlineData("http://adlnet.gov/expapi/verbs/failed", "graded")]
    [InlineData("http://adlnet.gov/expapi/verbs/scored", "graded")]
    [InlineData("https://w3id.org/xapi/tla/verbs/scored", "graded")]
    [InlineData("http://adlnet.gov/expapi/verbs/experienced", "viewed")]
    [InlineData("http://id.tincanapi.com/verb/viewed", "viewed")]
    [InlineData("http://activitystrea.ms/schema/1.0/submit", "submitted")]
    [InlineData("http://adlnet.gov/expapi/verbs/attended", null)]
    public void VerbsMapToEventKinds(string verb, string? kind)
    {
        var statement = Attempted();
        statement["verb"]!["id"] = verb;

        Assert.Equal(kind, Assert.Single(Mapper.MapBatch(statement.ToJsonString()).Statements).Event?.Kind.Name);
    }

    [Fact]
    public void ConfiguredVerbsExtendTheDefaults()
    {
        var statement = Attempted();
        statement["verb"]!["id"] = "https://w3id.org/xapi/video/verbs/played";
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi-test",
            VerbKinds = new Dictionary<string, EventKind> { ["https://w3id.org/xapi/video/verbs/played"] = EventKind.Viewed },
        });

        Assert.Equal(EventKind.Viewed, Assert.Single(mapper.MapBatch(statement.ToJsonString()).Events).Kind);
    }

    [Fact]
    public void ACourseComesFromTheContextActivitiesAndASingleActivityCountsAsAList()
    {
        var statement = Attempted();
        statement["context"] = new JsonObject
        {
            ["contextActivities"] = new JsonObject
            {
                ["parent"] = new JsonObject { ["id"] = "http://example.adlnet.gov/xapi/example/module-3" },
                ["grouping"] = new JsonArray(new JsonObject { ["id"] = "http://example.adlnet.gov/xapi/example/course-101" }),
            },
        };

        var e = Assert.Single(Mapper.MapBatch(statement.ToJsonString()).Events);

        Assert.Equal(new CourseId("http://example.adlnet.gov/xapi/example/course-101"), e.Course);
    }

    [Fact]
    public void ItemAndCourseResolversTranslateIris()
    {
        var statement = JsonNode.Parse(LmsFixtures.Read("xapi_statement_moodle_logstore_assignment_graded.json"))!.AsArray()[0]!;
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi-test",
            ItemIdFromIri = iri => iri.StartsWith("http://www.example.org/mod/assign/view.php?id=1", StringComparison.Ordinal) ? "1" : null,
            CourseIdFromIri = iri => iri == "http://www.example.org/course/view.php?id=2" ? "2" : null,
        });

        var e = Assert.Single(mapper.MapBatch(statement.ToJsonString()).Events);

        Assert.Equal(("1", new CourseId("2"), 0.5, EventKind.Graded), (e.Item.Value, e.Course, e.Score, e.Kind));
    }
}
