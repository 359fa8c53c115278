using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.LmsAdapters.Moodle.Tests;
using CanvasFixtures = Attune.LmsAdapters.Canvas.Tests.LmsFixtures;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// The holes 2 to 6 the security review of issue 16 reproduced, each through real HTTP against a real silo: every door
/// stores what it acknowledges and applies one rule for timestamps and ids; LMS connections read only allowed
/// environment variables and call no internal address; unknown learners cost a 404 and nothing else; bad Unicode,
/// duplicate keys and duplicate ids are 400s naming the field; a slow body is a 408; request lines carry no learner id.
/// </summary>
public sealed class SecurityReviewTests(SecurityReviewSiloFixture fixture) : IClassFixture<SecurityReviewSiloFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // Hole 2: nothing acknowledged that was not stored.

    [Fact]
    public async Task AnXapiStatementWhoseActorNameIsTooLongIsRefusedNamingTheFieldNotAcknowledged()
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        var statement = ValidStatement();
        statement["actor"] = new JsonObject
        {
            ["objectType"] = "Agent",
            ["account"] = new JsonObject { ["homePage"] = "https://moodle.example.edu", ["name"] = new string('n', 300) },
        };

        using var response = await PostStatementsAsync(new JsonArray(statement).ToJsonString());

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["[0].actor.account.name"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(before, fixture.Journal.CountEvents(SiloFixture.Uni));
    }

    [Fact]
    public async Task ACaliperEventWhoseActorIdIsTooLongIsRefusedNamingTheFieldNotAcknowledged()
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        var envelope = CaliperEnvelope();
        envelope["data"]![0]!["actor"] = new JsonObject { ["id"] = "https://example.edu/users/" + new string('u', 300), ["type"] = "Person" };

        using var response = await PostCaliperAsync(envelope.ToJsonString());

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["data[0].actor.id"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(before, fixture.Journal.CountEvents(SiloFixture.Uni));
    }

    // Hole 4: one rule for timestamps on every door.

    [Fact]
    public async Task AnXapiStatementDated2100IsRefusedNamingTheTimestamp()
    {
        var learner = "future-xapi-" + Guid.NewGuid().ToString("n")[..8];
        var statement = ValidStatement();
        statement["actor"] = new JsonObject { ["objectType"] = "Agent", ["mbox"] = $"mailto:{learner}@example.edu" };
        statement["timestamp"] = "2100-01-01T00:00:00Z";

        using var response = await PostStatementsAsync(statement.ToJsonString());

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["timestamp"], ResponseAssert.ErrorFields(problem));
        Assert.Contains("in the future", problem.GetProperty("errors").GetProperty("timestamp")[0].GetString());
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, $"mailto:{learner}@example.edu"));
    }

    [Fact]
    public async Task ACaliperEventDated2100IsRefusedNamingItsEventTime()
    {
        var before = fixture.Journal.CountEvents(SiloFixture.Uni);
        var envelope = CaliperEnvelope();
        envelope["data"]![0]!["eventTime"] = "2100-01-01T00:00:00.000Z";

        using var response = await PostCaliperAsync(envelope.ToJsonString());

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["data[0].eventTime"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(before, fixture.Journal.CountEvents(SiloFixture.Uni));
    }

    // Hole 6: duplicate ids, duplicate keys, bad Unicode, slow bodies.

    [Fact]
    public async Task ARepeatedIdInOneBatchIsRefusedNamingTheRepeatAndNothingIsWritten()
    {
        var learner = "repeat-" + Guid.NewGuid().ToString("n")[..8];
        var events = new[]
        {
            new TestEvent("r1", learner, "quiz-1", "viewed", TestEvent.Day),
            new TestEvent("r2", learner, "quiz-1", "viewed", TestEvent.Day),
            new TestEvent("r1", learner, "quiz-2", "completed", TestEvent.Day, Score: 0.2),
        };

        using var response = await fixture.UniClient.PostEventsAsync(events);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["events[2].id"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, learner));
    }

    [Fact]
    public async Task AKeyGivenTwiceIsRefusedNamingTheKeyAndCreatesNoLearner()
    {
        var learner = "twice-" + Guid.NewGuid().ToString("n")[..8];
        var body = $$"""
            {"events":[{"id":"k1","learner":"{{learner}}","item":"quiz-1","kind":"viewed","timestamp":"2026-11-01T10:00:00Z","learner":"{{learner}}-evil"}]}
            """;

        using var response = await fixture.UniClient.PostEventsAsync(body);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["events[0].learner"], ResponseAssert.ErrorFields(problem));
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, learner + "-evil"));
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, learner));
    }

    [Fact]
    public async Task AKeyGivenTwiceInAnXapiStatementIsRefusedNamingTheKey()
    {
        var json = ValidStatement().ToJsonString();
        var twice = json.Insert(json.LastIndexOf('}'), ""","verb":{"id":"http://adlnet.gov/expapi/verbs/completed"}""");

        using var response = await PostStatementsAsync(twice);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["verb"], ResponseAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("""{"events":[{"id":"u1","learner":"a\ud800b","item":"quiz-1","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}]}""")]
    [InlineData("""{"events":[{"id":"u2","learner":"\udc00","item":"quiz-1","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}]}""")]
    public async Task ALoneSurrogateInAnIdIsRefusedNamingTheField(string body)
    {
        using var response = await fixture.UniClient.PostEventsAsync(body);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["events[0].learner"], ResponseAssert.ErrorFields(problem));
        await fixture.Silo.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("/api/v1/events")]
    [InlineData("/xapi/statements")]
    [InlineData("/caliper")]
    public async Task InvalidUtf8InABodyIsRefusedAs400NotAsAServerError(string path)
    {
        var text = path switch
        {
            "/api/v1/events" => """{"events":[{"id":"b1","learner":"##","item":"quiz-1","kind":"viewed","timestamp":"2026-11-01T10:00:00Z"}]}""",
            "/xapi/statements" => ValidStatement().ToJsonString().Replace("xAPI mbox", "##", StringComparison.Ordinal),
            _ => CaliperEnvelope().ToJsonString().Replace("\"sensor\":\"", "\"sensor\":\"##", StringComparison.Ordinal),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Array.IndexOf(bytes, (byte)'#');
        Assert.True(at > 0, text);
        bytes[at] = 0xED; // an encoded surrogate: not UTF-8
        bytes[at + 1] = 0xA0;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = path == "/xapi/statements"
            ? AdminClient.Basic(SiloFixture.Uni, SiloFixture.UniKey)
            : new AuthenticationHeaderValue("Bearer", SiloFixture.UniKey);
        request.Headers.Add("X-Experience-API-Version", "1.0.3");

        using var response = await fixture.Silo.Http.SendAsync(request);

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        var field = Assert.Single(ResponseAssert.ErrorFields(problem));
        Assert.Contains("Unicode", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.NotEqual("body", field);
    }

    [Theory]
    [InlineData("/api/v1/learners/%ED%A0%80/recommendations")]
    [InlineData("/api/v1/learners/a%ED%A0%80b")]
    [InlineData("/api/v1/learners/%C3%28/profile")]
    public async Task InvalidUtf8InAPathIdIsAClientErrorNotAServerError(string path)
    {
        using var response = await fixture.UniClient.GetAsync(path);

        Assert.True((int)response.StatusCode is 400 or 404, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await fixture.Silo.AssertHealthyAsync();
    }

    [Fact]
    public async Task ABodyThatArrivesTooSlowlyGets408NotAServerError()
    {
        var body = Encoding.UTF8.GetBytes(TestEvent.Batch([new TestEvent("slow-1", "slow-learner", "quiz-1", "viewed", TestEvent.Day)]));
        var server = fixture.Silo.Http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/events HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {SiloFixture.UniKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));

        // One byte every half second: far below Kestrel's minimum of 240 bytes/s once its 5 s grace period is over.
        var received = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                }
            }
            catch (IOException)
            {
                // the server closed the connection after answering
            }
        });
        try
        {
            for (var i = 0; i < body.Length - 1 && !reading.IsCompleted; i++)
            {
                await stream.WriteAsync(body.AsMemory(i, 1));
                await Task.Delay(500);
            }
        }
        catch (IOException)
        {
            // the server stopped reading: what a refusal looks like from the sending side
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(30));

        var answer = received.ToString();
        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Equal(0, fixture.Journal.CountEvents(SiloFixture.Uni, "slow-learner"));
        await fixture.Silo.AssertHealthyAsync();
    }

    // Hole 5: unknown learners cost a 404, no grain.

    [Theory]
    [InlineData("")]
    [InlineData("/recommendations")]
    [InlineData("/recommendations?minutes=20")]
    [InlineData("/profile")]
    public async Task ALearnerNeverSeenIs404ProblemDetails(string read)
    {
        var learner = "never-seen-" + Guid.NewGuid().ToString("n")[..8];

        using var response = await fixture.UniClient.GetAsync($"/api/v1/learners/{learner}{read}");

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.NotFound, fixture.Silo);
        Assert.Contains("learner", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALearnerWithOnlyAProfileIsKnownAndOneWithEventsToo()
    {
        var withProfile = "profile-only-" + Guid.NewGuid().ToString("n")[..8];
        var withEvents = "with-events-" + Guid.NewGuid().ToString("n")[..8];
        using (var put = await fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/learners/{withProfile}/profile", JsonContent.Create(new { minutesPerDay = 20 })))
        {
            await ResponseAssert.StatusAsync(put, HttpStatusCode.OK, fixture.Silo);
        }
        await fixture.UniClient.PostEventsOkAsync([new TestEvent("known-1", withEvents, "quiz-1", "viewed", TestEvent.Day, "bio101")]);

        using var profile = await fixture.UniClient.GetAsync($"/api/v1/learners/{withProfile}/profile");
        await ResponseAssert.StatusAsync(profile, HttpStatusCode.OK, fixture.Silo);
        using var plan = await fixture.UniClient.GetAsync($"/api/v1/learners/{withProfile}/recommendations");
        await ResponseAssert.StatusAsync(plan, HttpStatusCode.OK, fixture.Silo);
        await fixture.UniClient.GetRecommendationsOkAsync(withEvents);
        using var otherTenant = await fixture.OtherClient.GetAsync($"/api/v1/learners/{withEvents}/recommendations");
        await ResponseAssert.ProblemAsync(otherTenant, HttpStatusCode.NotFound, fixture.Silo);
    }

    [Fact]
    public async Task ReadsOfUnknownLearnersActivateNoGrain()
    {
        var before = await LearnerActivationsAsync();

        for (var i = 0; i < 300; i++)
        {
            using var response = await fixture.UniClient.GetAsync($"/api/v1/learners/ghost-{Guid.NewGuid():n}/recommendations");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        // The dashboard's counters are sampled every second or so: give them time to see any activation there was.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var after = await LearnerActivationsAsync();
        Assert.True(after - before < 50, $"learner activations went from {before} to {after} for 300 reads of unknown ids");

        // The counter does count learners: ten that exist are seen as active.
        var prefix = "active-" + Guid.NewGuid().ToString("n")[..8];
        await fixture.UniClient.PostEventsOkAsync(Enumerable.Range(0, 10).Select(i => new TestEvent($"{prefix}-{i}", $"{prefix}-{i}", "quiz-1", "viewed", TestEvent.Day)));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.True(await LearnerActivationsAsync() >= after + 10, "the dashboard did not count ten learners that were just given events");
    }

    // Request logging: routes, never paths or queries.

    [Fact]
    public async Task RequestLinesNameTheRouteNeverTheLearnerOrTheQuery()
    {
        var learner = "logged-" + Guid.NewGuid().ToString("n")[..12];
        await fixture.UniClient.PostEventsOkAsync([new TestEvent("log-1", learner, "quiz-1", "viewed", TestEvent.Day, "bio101")]);
        using (var plan = await fixture.UniClient.GetAsync($"/api/v1/learners/{learner}/recommendations?course=bio101&minutes=17"))
        {
            await ResponseAssert.StatusAsync(plan, HttpStatusCode.OK, fixture.Silo);
        }
        using (var unknown = await fixture.UniClient.GetAsync($"/api/v1/learners/{learner}-ghost/profile"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var output = fixture.Silo.Output;
        Assert.Contains("HTTP GET /api/v1/learners/{learner}/recommendations answered 200", output);
        Assert.DoesNotContain(learner, output);
        Assert.DoesNotContain("minutes=17", output);
    }

    // Hole 3: LMS connections read no silo secret and call no internal address.

    [Theory]
    [InlineData("env:Attune__Admin__Password")]
    [InlineData("env:PATH")]
    public async Task AConnectionTokenNamingAnEnvironmentVariableOutsideThePrefixIsRefusedAndNeverSent(string token)
    {
        await using var moodle = await FakeMoodle.StartAsync();

        using var response = await RegisterAsync(new { tenant = SiloFixture.Uni, kind = "moodle", url = "https://moodle.example.edu/", token });

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Contains("token", ResponseAssert.ErrorFields(problem));
        Assert.Contains("ATTUNE_LMS_", problem.GetProperty("errors").GetProperty("token")[0].GetString());
        Assert.DoesNotContain(SecurityReviewSiloFixture.AdminPassword, problem.ToString());
        Assert.Empty(moodle.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/")]
    [InlineData("http://localhost:{port}/")]
    [InlineData("http://[::1]:{port}/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/moodle/")]
    [InlineData("http://192.168.1.20/")]
    [InlineData("http://[fd00::1]/")]
    public async Task AConnectionToAnInternalAddressIsRefusedNamingTheUrlAndNothingIsCalled(string url)
    {
        await using var moodle = await FakeMoodle.StartAsync();
        var target = url.Replace("{port}", moodle.SiteUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await RegisterAsync(new { tenant = SiloFixture.Uni, kind = "moodle", url = target, token = FakeMoodle.Token });

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal(["url"], ResponseAssert.ErrorFields(problem));
        Assert.Contains("Attune:Lms:AllowPrivateAddresses", problem.GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.Empty(moodle.Requests);
    }

    [Fact]
    public async Task AConnectionConfiguredOnAnInternalAddressIsRefusedWhenItIsCalled()
    {
        // Configured connections skip the registration check, so this is the guard at connect time (DNS rebinding, redirects).
        await using var moodle = await FakeMoodle.StartAsync();
        var dataPath = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"));
        await using var silo = new SiloProcess(dataPath, new Dictionary<string, string>
        {
            [$"Attune__Tenants__{SiloFixture.Uni}__ApiKey"] = SiloFixture.UniKey,
            ["Attune__Admin__Password"] = SecurityReviewSiloFixture.AdminPassword,
            ["Attune__Connections__inside__Tenant"] = SiloFixture.Uni,
            ["Attune__Connections__inside__Kind"] = "moodle",
            ["Attune__Connections__inside__Url"] = moodle.SiteUrl.ToString(),
            ["Attune__Connections__inside__Token"] = FakeMoodle.Token,
            ["Attune__Connections__inside__Schedule"] = "0 0 1 1 *",
        });
        await silo.StartAsync();
        var admin = new AdminClient(silo, AdminClient.Basic("admin", SecurityReviewSiloFixture.AdminPassword));

        using (var sync = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/connections/inside/sync"))
        {
            await ResponseAssert.StatusAsync(sync, HttpStatusCode.Accepted, silo);
        }
        string? lastError = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); lastError is null && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var view = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/connections/inside");
            lastError = JsonDocument.Parse(await ResponseAssert.StatusAsync(view, HttpStatusCode.OK, silo)).RootElement
                .GetProperty("status").GetProperty("lastError").GetString();
        }

        Assert.NotNull(lastError);
        Assert.Contains("internal address", lastError);
        Assert.Empty(moodle.Requests);
        await silo.KillAsync();
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner gets it
        }
    }

    private async Task<HttpResponseMessage> RegisterAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/connections") { Content = JsonContent.Create(body, options: Web) };
        request.Headers.Authorization = AdminClient.Basic("admin", SecurityReviewSiloFixture.AdminPassword);
        return await fixture.Silo.Http.SendAsync(request);
    }

    /// <summary>ADL's conformance statement, with a verb that maps to an event kind (its own, attended, maps to none).</summary>
    private static JsonObject ValidStatement()
    {
        var statement = JsonNode.Parse(LmsFixtures.Read("xapi_statement_adl_conformance_default_valid.json"))!.AsObject();
        statement["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/completed" };
        return statement;
    }

    private static JsonObject CaliperEnvelope() =>
        JsonNode.Parse(CanvasFixtures.Read("caliper_envelope_event_batch.json"))!.AsObject();

    private async Task<HttpResponseMessage> PostStatementsAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/xapi/statements") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = AdminClient.Basic(SiloFixture.Uni, SiloFixture.UniKey);
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        return await fixture.Silo.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostCaliperAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/caliper") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiloFixture.UniKey);
        return await fixture.Silo.Http.SendAsync(request);
    }

    /// <summary>How many learner grains are active, as the Orleans dashboard (admins only) counts them.</summary>
    private async Task<long> LearnerActivationsAsync()
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Get, "/orleans/DashboardCounters");
        var counters = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement;
        var stats = counters.EnumerateObject().FirstOrDefault(p => p.Name.Equals("simpleGrainStats", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.True(stats.ValueKind == JsonValueKind.Array, $"no simpleGrainStats in the dashboard counters: {counters}");
        long count = 0;
        foreach (var grain in stats.EnumerateArray())
        {
            var type = grain.EnumerateObject().First(p => p.Name.Equals("grainType", StringComparison.OrdinalIgnoreCase)).Value.GetString() ?? "";
            if (type.Contains("Learner", StringComparison.Ordinal))
            {
                count += grain.EnumerateObject().First(p => p.Name.Equals("activationCount", StringComparison.OrdinalIgnoreCase)).Value.GetInt64();
            }
        }
        return count;
    }
}
