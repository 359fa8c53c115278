using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.LmsAdapters.Canvas.Tests;
using CanvasFixtures = Attune.LmsAdapters.Canvas.Tests.LmsFixtures;

namespace Attune.EndToEnd.Tests;

/// <summary>Canvas connected both ways (REST pull, signed Live Events) and Caliper envelopes from any sensor.</summary>
public sealed class CanvasAndCaliperTests(JobsSiloFixture fixture) : IClassFixture<JobsSiloFixture>, IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    [Fact]
    public async Task ACanvasConnectionSyncsItsCoursesIntoEvents()
    {
        await using var canvas = await FakeCanvas.StartAsync();
        canvas.On("api/v1/users/self", _ => FakeReply.Json("""{"id":1,"name":"Attune sync user"}"""));
        var id = await RegisterAsync(canvas.BaseUrl.ToString(), FakeCanvas.Token);
        var source = await SourceAsync(id);

        using var sync = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(sync, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", TimeSpan.FromSeconds(60));

        var rows = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Kind == "graded");
        Assert.DoesNotContain(FakeCanvas.Token, fixture.Silo.Output);
    }

    [Theory]
    [InlineData("canvas_live_event_quiz_submitted.json", "metadata.event_time")]
    [InlineData("canvas_caliper_event_quiz_submitted.json", "data[0].eventTime")]
    public async Task ALiveEventDated2100IsRefusedNamingItsTimeAndNothingIsStored(string file, string field)
    {
        var id = await RegisterPushOnlyAsync();
        var source = await SourceAsync(id);
        var payload = CanvasFixtures.Payload(file);
        if (payload["metadata"] is JsonObject metadata)
        {
            metadata["event_time"] = "2100-01-01T00:00:00.000Z";
        }
        else
        {
            payload["data"]![0]!["eventTime"] = "2100-01-01T00:00:00.000Z";
        }

        using var response = await PostLiveEventAsync(id, JwtSigner.Sign(payload.ToJsonString(), "RS256", "k1", _key));

        var problem = await ResponseAssert.ProblemAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Equal([field], ResponseAssert.ErrorFields(problem));
        Assert.DoesNotContain(fixture.Journal.ReadEvents(SiloFixture.Uni), r => r.Source == source);
    }

    [Fact]
    public async Task EverySignedLiveEventFixtureLandsOnceAndForgeriesAreRefused()
    {
        var id = await RegisterPushOnlyAsync();
        var source = await SourceAsync(id);
        var files = CanvasFixtures.Files("canvas_*.json").ToList();
        Assert.NotEmpty(files);
        var landed = 0;
        foreach (var file in files)
        {
            var jwt = JwtSigner.Sign(CanvasFixtures.ReadPayload(file), "RS256", "k1", _key);
            using var first = await PostLiveEventAsync(id, jwt);
            var result = JsonDocument.Parse(await ResponseAssert.StatusAsync(first, HttpStatusCode.OK, fixture.Silo)).RootElement;
            landed += result.GetProperty("events").GetInt32();
        }
        var rows = fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == source);
        Assert.True(landed > 0 && rows > 0, $"{landed} events reported, {rows} journaled");

        foreach (var file in files)
        {
            using var again = await PostLiveEventAsync(id, JwtSigner.Sign(CanvasFixtures.ReadPayload(file), "RS256", "k1", _key));
            await ResponseAssert.StatusAsync(again, HttpStatusCode.OK, fixture.Silo);
        }
        Assert.Equal(rows, fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == source)); // no event id in Canvas: derived ids dedupe

        using var stranger = RSA.Create(2048);
        var payload = CanvasFixtures.ReadPayload(files[0]);
        using var unknownKey = await PostLiveEventAsync(id, JwtSigner.Sign(payload, "RS256", "k1", stranger));
        var genuine = JwtSigner.Sign(payload, "RS256", "k1", _key).Split('.');
        var tamperedBody = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"", "\"x", StringComparison.Ordinal)[..Math.Min(200, payload.Length)]))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var tampered = await PostLiveEventAsync(id, $"{genuine[0]}.{tamperedBody}.{genuine[2]}");
        using var unsigned = await PostLiveEventAsync(id, payload);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task CaliperEnvelopesLandOnceWithTheRightStatusForEachKindOfBadDelivery()
    {
        var envelope = CanvasFixtures.Read("caliper_envelope_event_batch.json");
        var before = fixture.Journal.ReadEvents(SiloFixture.Uni).Count;

        using var first = await PostCaliperAsync(envelope);
        await ResponseAssert.StatusAsync(first, HttpStatusCode.OK, fixture.Silo);
        var after = fixture.Journal.ReadEvents(SiloFixture.Uni).Count;
        using var again = await PostCaliperAsync(envelope);
        await ResponseAssert.StatusAsync(again, HttpStatusCode.OK, fixture.Silo);

        Assert.True(after > before);
        Assert.Equal(after, fixture.Journal.ReadEvents(SiloFixture.Uni).Count);
        var oldVersion = JsonNode.Parse(envelope)!.AsObject();
        oldVersion["dataVersion"] = "http://purl.imsglobal.org/ctx/caliper/v1p0";
        using var unsupported = await PostCaliperAsync(oldVersion.ToJsonString());
        using var malformed = await PostCaliperAsync("""{"sensor":"https://example.edu/s","data":[]}""");
        using var notJson = await PostCaliperAsync(envelope, "text/plain");
        using var wrongKey = await PostCaliperAsync(envelope, key: "not-a-key-of-anyone-0000");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unsupported.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(after, fixture.Journal.ReadEvents(SiloFixture.Uni).Count);
    }

    public void Dispose() => _key.Dispose();

    /// <summary>Registers a Canvas connection whose Live Events are signed with this test's key.</summary>
    [Fact]
    public async Task ASubmissionSeenThroughRestAndThroughLiveEventsIsOneEvent()
    {
        await using var canvas = await FakeCanvas.StartAsync();
        canvas.On("api/v1/users/self", _ => FakeReply.Json("""{"id":1,"name":"Attune sync user"}"""));
        var id = await RegisterAsync(canvas.BaseUrl.ToString(), FakeCanvas.Token, schedule: "0 0 1 1 *");
        var source = await SourceAsync(id);
        // The Live Event first (Canvas format), then the pull, then the same fact in Caliper form.
        using (var live = await PostLiveEventAsync(id, JwtSigner.Sign(CanvasFixtures.ReadPayload("canvas_live_event_submission_created.json"), "RS256", "k1", _key)))
        {
            Assert.Equal(1, JsonDocument.Parse(await ResponseAssert.StatusAsync(live, HttpStatusCode.OK, fixture.Silo)).RootElement.GetProperty("events").GetInt32());
        }
        var pushed = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();
        var submission = Assert.Single(pushed);

        using var sync = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(sync, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", TimeSpan.FromSeconds(60));
        var afterPull = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();
        using (var caliper = await PostLiveEventAsync(id, JwtSigner.Sign(CanvasFixtures.ReadPayload("canvas_caliper_event_submission_created.json"), "RS256", "k1", _key)))
        {
            await ResponseAssert.StatusAsync(caliper, HttpStatusCode.OK, fixture.Silo);
        }
        using (var grade = await PostLiveEventAsync(id, JwtSigner.Sign(CanvasFixtures.ReadPayload("canvas_live_event_grade_change.json"), "RS256", "k1", _key)))
        {
            await ResponseAssert.StatusAsync(grade, HttpStatusCode.OK, fixture.Silo);
        }
        var all = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();

        // The pulled submission is the pushed one: one row for it, however many doors brought it.
        Assert.Single(afterPull, r => r.EventId == submission.EventId);
        Assert.Single(afterPull, r => r.Learner == submission.Learner && r.Item == submission.Item && r.Kind == "submitted");
        Assert.True(afterPull.Count > 1, "the pull brought the course's other facts");
        // The Caliper form of the same submission and the grade the pull already read add nothing.
        Assert.Equal(afterPull.Count, all.Count);
    }

    /// <summary>
    /// The same submission as a Caliper-form Live Event through the generic <c>/caliper</c> door (a relay of the site's
    /// SQS queue, say, with the tenant's key): the envelope's sensor names the connected site, so it is that site's event,
    /// one with the Canvas-form Live Event and the pulled submission, whichever comes first.
    /// </summary>
    [Fact]
    public async Task ASubmissionThroughTheGenericCaliperDoorIsTheConnectedSitesSubmission()
    {
        await using var canvas = await FakeCanvas.StartAsync();
        canvas.On("api/v1/users/self", _ => FakeReply.Json("""{"id":1,"name":"Attune sync user"}"""));
        var id = await RegisterAsync(canvas.BaseUrl.ToString(), FakeCanvas.Token, schedule: "0 0 1 1 *");
        var source = await SourceAsync(id);
        // As the site at the fake's address sends it: sensor and edApp are the site (http://<host>/, LMS-NOTES §2b).
        var envelope = CanvasFixtures.ReadPayload("canvas_caliper_event_submission_created.json")
            .Replace("http://oxana.instructure.com/", canvas.BaseUrl.ToString(), StringComparison.Ordinal);
        var genericBefore = fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == "caliper");

        // The generic door first: the submission lands under the site.
        using (var first = await PostCaliperAsync(envelope))
        {
            Assert.Equal(1, JsonDocument.Parse(await ResponseAssert.StatusAsync(first, HttpStatusCode.OK, fixture.Silo)).RootElement.GetProperty("events").GetInt32());
        }
        var submission = Assert.Single(fixture.Journal.ReadEvents(SiloFixture.Uni), r => r.Source == source);
        Assert.Equal("submitted", submission.Kind);
        Assert.Equal(genericBefore, fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == "caliper"));

        // The Canvas-form Live Event of the same submission through the connection's door adds nothing.
        using (var live = await PostLiveEventAsync(id, JwtSigner.Sign(CanvasFixtures.ReadPayload("canvas_live_event_submission_created.json"), "RS256", "k1", _key)))
        {
            await ResponseAssert.StatusAsync(live, HttpStatusCode.OK, fixture.Silo);
        }
        Assert.Single(fixture.Journal.ReadEvents(SiloFixture.Uni), r => r.Source == source);

        // The pull reads the same submission: still one row for it.
        using var sync = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(sync, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", TimeSpan.FromSeconds(60));
        var afterPull = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();
        Assert.True(afterPull.Count > 1, "the pull brought the course's other facts");
        Assert.Single(afterPull, r => r.EventId == submission.EventId);
        Assert.Single(afterPull, r => r.Learner == submission.Learner && r.Item == submission.Item && r.Kind == "submitted");

        // Sent again through the generic door after the pull: nothing new, under the site or the generic source.
        using (var again = await PostCaliperAsync(envelope))
        {
            await ResponseAssert.StatusAsync(again, HttpStatusCode.OK, fixture.Silo);
        }
        Assert.Equal(afterPull.Count, fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == source));
        Assert.Equal(genericBefore, fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == "caliper"));
    }

    private async Task<string> SourceAsync(string id)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/connections/{id}");
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement.GetProperty("source").GetString()!;
    }

    private async Task<string> RegisterAsync(string url, string token, string schedule = "*/15 * * * *")
    {
        var id = "canvas-" + Guid.NewGuid().ToString("n")[..6];
        var jwks = JsonNode.Parse(JwtSigner.Jwks(JwtSigner.Jwk("k1", _key)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/connections")
        {
            Content = JsonContent.Create(new { id, tenant = SiloFixture.Uni, kind = "canvas", url, token, jwks, schedule }),
        };
        request.Headers.Authorization = AdminClient.Basic("admin", JobsSiloFixture.AdminPassword);
        using var response = await fixture.Silo.Http.SendAsync(request);
        await ResponseAssert.StatusAsync(response, HttpStatusCode.Created, fixture.Silo);
        return id;
    }

    /// <summary>A connection used for Live Events only: registration still probes the token, against a fake that answers only that.</summary>
    private async Task<string> RegisterPushOnlyAsync()
    {
        await using var canvas = await FakeCanvas.StartAsync();
        canvas.On("api/v1/users/self", _ => FakeReply.Json("""{"id":1,"name":"push only"}"""));
        return await RegisterAsync(canvas.BaseUrl.ToString(), FakeCanvas.Token, schedule: "0 0 1 1 *");
    }

    private async Task<HttpResponseMessage> PostLiveEventAsync(string connection, string body) =>
        await fixture.Silo.Http.PostAsync($"/lms/canvas/{connection}/live-events", new StringContent(body, Encoding.UTF8, "application/jwt"));

    private async Task<HttpResponseMessage> PostCaliperAsync(string body, string contentType = "application/json", string key = SiloFixture.UniKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/caliper") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await fixture.Silo.Http.SendAsync(request);
    }
}
