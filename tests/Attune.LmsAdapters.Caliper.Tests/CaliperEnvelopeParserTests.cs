using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Caliper.Tests;

/// <summary>What a Sensor API endpoint refuses, and with which answer (LMS-NOTES §4, §6).</summary>
public sealed class CaliperEnvelopeParserTests
{
    private static JsonObject Envelope() => JsonNode.Parse(LmsFixtures.ReadEnvelope("caliper_envelope_event_batch.json"))!.AsObject();

    private static CaliperEnvelopeError Refusal(JsonNode body)
    {
        var parsed = CaliperEnvelopeParser.Parse(body.ToJsonString());
        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Envelope);
        return parsed.Error!;
    }

    [Theory]
    [InlineData("sensor")]
    [InlineData("sendTime")]
    [InlineData("dataVersion")]
    [InlineData("data")]
    public void AnEnvelopeMissingARequiredFieldIsMalformedNamingIt(string field)
    {
        var envelope = Envelope();
        envelope.Remove(field);

        var error = Refusal(envelope);

        Assert.Equal(new CaliperEnvelopeError(CaliperErrorKind.Malformed, field, "is required"), error);
    }

    [Fact]
    public void AnEventWhoseLearnerCannotBeALearnerIdRefusesTheEnvelopeNamingIt()
    {
        var envelope = Envelope();
        var first = envelope["data"]![0]!.AsObject();
        first["actor"] = new JsonObject { ["id"] = "https://example.edu/users/" + new string('u', 300), ["type"] = "Person" };

        var batch = new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper-test" }).MapBody(envelope.ToJsonString());

        Assert.False(batch.IsValid);
        Assert.Empty(batch.Events);
        Assert.Equal("data[0].actor.id", batch.Error!.Field);
        Assert.Contains("at most 256 characters", batch.Error.Message);
    }

    [Fact]
    public void AnEventDatedBeyondTheReceiversRuleRefusesTheEnvelopeNamingItsTime()
    {
        var envelope = Envelope();
        envelope["data"]![0]!["eventTime"] = "2100-01-01T00:00:00.000Z";
        var mapper = new CaliperEventMapper(new CaliperMappingOptions
        {
            Source = "caliper-test",
            TimestampProblem = t => t.Year >= 2100 ? "lies in the future" : null,
        });

        var batch = mapper.MapBody(envelope.ToJsonString());

        Assert.False(batch.IsValid);
        Assert.Equal(new CaliperEnvelopeError(CaliperErrorKind.Malformed, "data[0].eventTime", "lies in the future"), batch.Error);
    }

    [Fact]
    public void AnotherDataVersionIsUnsupportedRatherThanMalformed()
    {
        var envelope = Envelope();
        envelope["dataVersion"] = "http://purl.imsglobal.org/ctx/caliper/v1p0";

        var error = Refusal(envelope);

        Assert.Equal(CaliperErrorKind.UnsupportedDataVersion, error.Kind); // 422, not 400
        Assert.Equal("dataVersion", error.Field);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("\"an envelope\"")]
    public void ABodyThatIsNoEnvelopeIsMalformed(string body)
    {
        var parsed = CaliperEnvelopeParser.Parse(body);

        Assert.Equal(CaliperErrorKind.Malformed, parsed.Error!.Kind);
        Assert.Equal(string.Empty, parsed.Error.Field);
    }

    [Fact]
    public void EmptyDataIsMalformed()
    {
        var envelope = Envelope();
        envelope["data"] = new JsonArray();

        Assert.Equal("data", Refusal(envelope).Field);
    }

    [Theory]
    [InlineData("eventTime", null, "data[2].eventTime", "is required")]
    [InlineData("eventTime", "2016-11-15T10:21:00", "data[2].eventTime", "must be an ISO 8601 UTC time such as 2019-11-01T19:11:05.222Z")]
    [InlineData("id", "94bad4bd-a7b1-4c3e-ade4-2253efe65172", "data[2].id", "must be urn:uuid: followed by a UUID")]
    [InlineData("actor", null, "data[2].actor", "is required")]
    [InlineData("object", "not an iri", "data[2].object", "must be an absolute IRI or an entity object")]
    [InlineData("type", null, "data[2].type", "is required")]
    public void OneBadEventRefusesTheWholeEnvelopeNamingItsField(string property, string? value, string field, string message)
    {
        var envelope = Envelope();
        var third = envelope["data"]![2]!.AsObject();
        if (value is null)
        {
            third.Remove(property);
        }
        else
        {
            third[property] = value;
        }

        var error = Refusal(envelope);

        Assert.Equal(new CaliperEnvelopeError(CaliperErrorKind.Malformed, field, message), error);
    }

    [Fact]
    public void AnEntityWithoutAnIdIsRefused()
    {
        var envelope = Envelope();
        envelope["data"]![0]!["actor"] = new JsonObject { ["type"] = "Person" };

        Assert.Equal("data[0].actor", Refusal(envelope).Field);
    }

    [Fact]
    public void EntityDescribesInDataAreKeptApartFromEvents()
    {
        var envelope = Envelope();
        envelope["data"]!.AsArray().Insert(1, new JsonObject
        {
            ["id"] = "https://example.edu/users/554433",
            ["type"] = "Person",
            ["dateCreated"] = "2016-08-01T06:00:00.000Z",
        });

        var parsed = CaliperEnvelopeParser.Parse(envelope.ToJsonString());

        Assert.True(parsed.IsValid);
        Assert.Equal([0, 2, 3], parsed.Envelope!.Events.Select(e => e.Index));
        Assert.Equal("Person https://example.edu/users/554433", Assert.Single(parsed.Envelope.Describes).ToString());
    }

    [Fact]
    public void TimesWithAnOffsetAreConvertedToUtc()
    {
        var envelope = Envelope();
        envelope["data"]![0]!["eventTime"] = "2016-11-15T12:15:00.000+02:00";

        var parsed = CaliperEnvelopeParser.Parse(envelope.ToJsonString());

        Assert.Equal(new DateTimeOffset(2016, 11, 15, 10, 15, 0, TimeSpan.Zero), parsed.Envelope!.Events[0].EventTime);
        Assert.Equal(TimeSpan.Zero, parsed.Envelope.Events[0].EventTime.Offset);
    }

    [Fact]
    public void ASecondEventWithTheSameIdInOneEnvelopeIsSkipped()
    {
        var envelope = Envelope();
        envelope["data"]![2]!["id"] = envelope["data"]![0]!["id"]!.GetValue<string>();

        var batch = new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper-test" }).MapBody(envelope.ToJsonString());

        Assert.True(batch.IsValid);
        Assert.Single(batch.Events);
        Assert.Equal("repeats the event id of data[0]", batch.Results[2].SkipReason);
    }

    [Fact]
    public void AViewByAnInstructorIsSkippedButCountsWhenTheRoleFilterIsOff()
    {
        var envelope = Envelope();
        envelope["data"]![0]!["membership"]!["roles"] = new JsonArray("Instructor");
        var body = envelope.ToJsonString();

        var filtered = new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper-test" }).MapBody(body);
        var unfiltered = new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper-test", OnlyLearnerRoles = false }).MapBody(body);

        Assert.Equal("the actor's roles in the group are Instructor, not Learner", filtered.Results[0].SkipReason);
        Assert.NotNull(unfiltered.Results[0].Event);
    }

    [Fact]
    public void AGradeEventWithoutAnAssigneeIsSkippedRatherThanCreditingTheGrader()
    {
        var graded = JsonNode.Parse(LmsFixtures.ReadEnvelope("caliper_event_grade_graded.json"))!;
        graded["data"]![0]!["object"] = "https://example.edu/terms/201601/courses/7/sections/1/assess/1/users/554433/attempts/1";

        var result = Assert.Single(new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper-test" }).MapBody(graded.ToJsonString()).Results);

        Assert.Null(result.Event);
        Assert.Contains("object.assignee", result.SkipReason);
    }
}
