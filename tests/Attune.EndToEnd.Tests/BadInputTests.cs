using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Bad input never corrupts: each way a request can be wrong gets its own clear answer, the journal gains no row,
/// the learner it named stays unknown, and the silo stays up.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class BadInputTests(SiloFixture fixture)
{
    private const string Learner = "mallory";

    /// <summary>A valid event; each case breaks exactly one thing about it.</summary>
    private const string ValidEvent = """
        {"id":"bad-1","learner":"mallory","item":"quiz-3","course":"bio101","kind":"completed","score":0.8,
         "durationSeconds":300,"timestamp":"2026-11-01T10:05:00Z","skills":["photosynthesis"]}
        """;

    private readonly SiloProcess _silo = fixture.Silo;

    public static TheoryData<string, string, string> InvalidBatches => new()
    {
        { "truncated JSON", """{"events":[{"id":"bad-1","learner":""", "body" },
        { "text after the JSON", "{\"events\":[" + ValidEvent + "]} trailing", "body" },
        { "a bare NaN token", Batch(ValidEvent.Replace("\"score\":0.8", "\"score\":NaN")), "body" },
        { "a body that is an array", "[" + ValidEvent + "]", "body" },
        { "no events property", """{"items":[]}""", "events" },
        { "an empty batch", """{"events":[]}""", "events" },
        { "missing id", Without("id"), "events[0].id" },
        { "missing learner", Without("learner"), "events[0].learner" },
        { "missing item", Without("item"), "events[0].item" },
        { "missing kind", Without("kind"), "events[0].kind" },
        { "missing timestamp", Without("timestamp"), "events[0].timestamp" },
        { "null learner", With("learner", null), "events[0].learner" },
        { "score as a string", With("score", "0.8"), "events[0].score" },
        { "NaN as a string", With("score", "NaN"), "events[0].score" },
        { "learner as a number", With("learner", 42), "events[0].learner" },
        { "skills not an array", With("skills", "photosynthesis"), "events[0].skills" },
        { "a skill that is not a string", With("skills", new JsonArray(1)), "events[0].skills[0]" },
        { "score above 1", With("score", 1.5), "events[0].score" },
        { "score below 0", With("score", -0.1), "events[0].score" },
        { "negative duration", With("durationSeconds", -5), "events[0].durationSeconds" },
        { "an unparseable timestamp", With("timestamp", "yesterday"), "events[0].timestamp" },
        { "an impossible date", With("timestamp", "2026-13-45T10:05:00Z"), "events[0].timestamp" },
        { "a timestamp without an offset", With("timestamp", "2026-11-01T10:05:00"), "events[0].timestamp" },
        { "a timestamp as a number", With("timestamp", 1793527500), "events[0].timestamp" },
        { "a timestamp far in the future", With("timestamp", "2999-01-01T00:00:00Z"), "events[0].timestamp" },
        { "an unknown kind", With("kind", "teleported"), "events[0].kind" },
        { "an empty learner id", With("learner", ""), "events[0].learner" },
        { "a learner id with a control character", With("learner", "mal\u0001lory"), "events[0].learner" },
        { "a tenant in the body", With("tenant", SiloFixture.Other), "events[0].tenant" },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task InvalidBatchIsRejectedNamingTheFieldAndNothingIsWritten(string why, string body, string field)
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);

        using var response = await fixture.UniClient.PostEventsAsync(body);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, _silo);
        Assert.True(ResponseAssert.ErrorFields(problem).SequenceEqual([field]),
            $"{why}: expected exactly the error '{field}', got [{string.Join(", ", ResponseAssert.ErrorFields(problem))}]: {problem}");
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task BatchWhoseOnlyBadEventIsTheLastWritesNoneOfTheGoodOnes()
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        var events = Enumerable.Range(0, 20)
            .Select(i => JsonNode.Parse(ValidEvent.Replace("bad-1", $"good-{i}"))!)
            .Append(JsonNode.Parse(ValidEvent.Replace("bad-1", "last").Replace("\"score\":0.8", "\"score\":2"))!)
            .ToArray();

        using var response = await fixture.UniClient.PostEventsAsync(new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString());

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, _silo);
        Assert.Equal(["events[20].score"], ResponseAssert.ErrorFields(problem));
        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task BatchOverTheEventLimitIsRejectedAsTooLarge()
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        var events = Enumerable.Range(0, 1001).Select(i => new TestEvent($"many-{i}", Learner, "quiz-3", "viewed", TestEvent.Day));

        using var response = await fixture.UniClient.PostEventsAsync(events);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, _silo);
        Assert.Contains("1000", problem.GetProperty("detail").GetString());
        await AssertNothingWrittenAsync(before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheSizeLimitIsRejectedAsTooLarge(bool declaresLength)
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        // Valid JSON, so only the size can be the reason: one event whose skill list is padded to 10 MB.
        var padding = string.Join(',', Enumerable.Repeat("\"" + new string('s', 250) + "\"", 10 * 1024 * 1024 / 253));
        var body = Encoding.UTF8.GetBytes(Batch(ValidEvent.Replace("[\"photosynthesis\"]", "[" + padding + "]")));
        Assert.True(body.Length > 10_000_000);

        var response = await RawHttp.PostJsonAsync(_silo.Http.BaseAddress!, "/api/v1/events", SiloFixture.UniKey, body, declaresLength);

        Assert.True(response.Status == 413, $"expected 413, got:\n{response.Head}\n{_silo.Output}");
        Assert.True(response.HasHeader("Content-Type", "application/problem+json"), response.Head);
        await AssertNothingWrittenAsync(before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task BodyThatIsNotDeclaredJsonIsRejectedAsUnsupported(string? contentType)
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);

        using var response = await fixture.UniClient.PostEventsAsync(Batch(ValidEvent), contentType);

        await ResponseAssert.StatusAsync(response, HttpStatusCode.UnsupportedMediaType, _silo);
        await AssertNothingWrittenAsync(before);
    }

    [Fact]
    public async Task BodyThatIsNotDeclaredJsonIsExplainedAsProblemDetails()
    {
        using var response = await fixture.UniClient.PostEventsAsync(Batch(ValidEvent), "text/plain");

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, _silo);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-key-of-any-tenant-at-all")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData(SiloFixture.UniKey)]
    public async Task PostWithoutAValidApiKeyIsUnauthorized(string? authorization)
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = new StringContent(Batch(ValidEvent), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _silo.Http.SendAsync(request);

        await ResponseAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, _silo);
        await AssertNothingWrittenAsync(before);
    }

    [Theory]
    [InlineData("/api/v1/learners/mallory")]
    [InlineData("/api/v1/learners/mallory/recommendations")]
    [InlineData("/api/v1/courses/bio101/items")]
    [InlineData("/openapi/v1.json")]
    public async Task ReadWithoutAnApiKeyIsUnauthorized(string path)
    {
        using var anonymous = await new TenantClient(_silo, null).GetAsync(path);
        using var wrongKey = await new TenantClient(_silo, "wrong-key-wrong-key-wrong-key").GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.DoesNotContain("mallory", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthIsTheOneAnonymousEndpoint()
    {
        using var health = await new TenantClient(_silo, null).GetAsync("/health");
        using var openApi = await fixture.UniClient.GetAsync("/openapi/v1.json");

        await ResponseAssert.StatusAsync(health, HttpStatusCode.OK, _silo);
        Assert.Contains("Healthy", await health.Content.ReadAsStringAsync());
        // The same document is served once a key is shown, so the 401 above is the lock, not a missing route.
        await ResponseAssert.StatusAsync(openApi, HttpStatusCode.OK, _silo);
    }

    private async Task AssertNothingWrittenAsync(long rowsBefore)
    {
        Assert.Equal(rowsBefore, fixture.Journal.CountEvents(SiloFixture.Uni));
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, Learner));
        using var learner = await fixture.UniClient.GetLearnerAsync(Learner);
        await ResponseAssert.ProblemAsync(learner, HttpStatusCode.NotFound, _silo);
        await _silo.AssertHealthyAsync();
    }

    private static string Batch(string eventJson) => "{\"events\":[" + eventJson + "]}";

    private static string Without(string field)
    {
        var e = JsonNode.Parse(ValidEvent)!.AsObject();
        Assert.True(e.Remove(field));
        return new JsonObject { ["events"] = new JsonArray(e) }.ToJsonString();
    }

    private static string With(string field, JsonNode? value)
    {
        var e = JsonNode.Parse(ValidEvent)!.AsObject();
        e[field] = value;
        return new JsonObject { ["events"] = new JsonArray(e) }.ToJsonString();
    }
}
