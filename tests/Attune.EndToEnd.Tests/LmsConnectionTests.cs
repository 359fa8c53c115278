using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.LmsAdapters.Moodle;
using Attune.LmsAdapters.Moodle.Tests;

namespace Attune.EndToEnd.Tests;

/// <summary>A university connects its Moodle: registration with a site check, a sync that lands events, xAPI pushes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LmsConnectionTests(JobsSiloFixture fixture) : IClassFixture<JobsSiloFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARegisteredMoodleIsCheckedSyncedIntoEventsAndResyncedWithoutDuplicates()
    {
        await using var moodle = await FakeMoodle.StartAsync();
        var id = "moodle-" + Guid.NewGuid().ToString("n")[..6];

        using var registered = await PostConnectionAsync(new { id, tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = FakeMoodle.Token });
        var registration = await ResponseAssert.StatusAsync(registered, HttpStatusCode.Created, fixture.Silo);
        Assert.Contains("as ", JsonDocument.Parse(registration).RootElement.GetProperty("site").GetString());
        Assert.DoesNotContain(FakeMoodle.Token, registration);

        var source = (await StatusAsync(id)).GetProperty("source").GetString();
        Assert.Equal("moodle:" + moodle.SiteUrl.Authority, source);
        var first = await SyncAsync(id);
        var status = await StatusAsync(id);
        Assert.True(first.GetProperty("eventsAccepted").GetInt64() > 0, status.ToString());
        Assert.True(first.GetProperty("catalogItems").GetInt32() > 0, status.ToString());
        Assert.Null(first.GetProperty("lastError").GetString());
        var journaled = fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == source);
        Assert.Equal(first.GetProperty("eventsAccepted").GetInt64(), journaled);

        var second = await SyncAsync(id);
        Assert.Equal(0, second.GetProperty("eventsAccepted").GetInt64());
        Assert.Equal(journaled, fixture.Journal.ReadEvents(SiloFixture.Uni).Count(r => r.Source == source));

        Assert.DoesNotContain(FakeMoodle.Token, fixture.Silo.Output);
        Assert.DoesNotContain(FakeMoodle.Token, (await StatusAsync(id)).ToString());
        foreach (var file in Directory.Exists(fixture.Silo.DataPath) ? Directory.GetFiles(fixture.Silo.DataPath, "*", SearchOption.AllDirectories) : [])
        {
            Assert.DoesNotContain(FakeMoodle.Token, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }
        Assert.All(fixture.Journal.StoredConnectionTokens(), stored => Assert.DoesNotContain(FakeMoodle.Token, stored));
    }

    [Fact]
    public async Task ATokenLackingRequiredFunctionsIsRefusedAndASyncThatLosesOneFailsNamingIt()
    {
        await using var moodle = await FakeMoodle.StartAsync();
        moodle.RemoveFunction(MoodleFunctions.GetGradeItems);
        using var refused = await PostConnectionAsync(new { tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = FakeMoodle.Token });
        var problem = await ResponseAssert.StatusAsync(refused, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Contains(MoodleFunctions.GetGradeItems, problem);

        moodle.AddFunction(MoodleFunctions.GetGradeItems);
        var id = "moodle-" + Guid.NewGuid().ToString("n")[..6];
        using var registered = await PostConnectionAsync(new { id, tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = FakeMoodle.Token, schedule = "0 0 1 1 *" });
        var registration = JsonDocument.Parse(await ResponseAssert.StatusAsync(registered, HttpStatusCode.Created, fixture.Silo)).RootElement;
        Assert.Contains(MoodleFunctions.GetGradeItems, registration.GetProperty("requiredFunctions").ToString());
        Assert.Contains(MoodleFunctions.GetAssignmentSubmissions, registration.GetProperty("optionalFunctions").ToString());

        // The site's admin takes a function out of the service: the next sync fails, and says which.
        moodle.RemoveFunction(MoodleFunctions.GetGradeItems);
        using var sync = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(sync, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Failed", JobTimeout);
        var status = (await StatusAsync(id)).GetProperty("status");
        Assert.Contains(MoodleFunctions.GetGradeItems, status.GetProperty("lastError").GetString());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("lastSyncAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastSuccessAt").ValueKind);
    }

    [Fact]
    public async Task PulledRecordsDatedFarInTheFutureAreReportedNotWritten()
    {
        await using var moodle = await FakeMoodle.StartAsync();
        // Every completion the site reports is dated 2100-01-01: a clock or unit error at the LMS.
        var completions = LmsFixtures.Read("moodle-4.5/core_completion_get_activities_completion_status.json")
            .Replace("\"timecompleted\":1795922222", "\"timecompleted\":4102444800", StringComparison.Ordinal);
        moodle.On(MoodleFunctions.GetActivitiesCompletionStatus, r => r["courseid"] == "2" ? FakeReply.Json(completions) : null);
        var id = "moodle-" + Guid.NewGuid().ToString("n")[..6];
        using var registered = await PostConnectionAsync(new { id, tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = FakeMoodle.Token, schedule = "0 0 1 1 *" });
        await ResponseAssert.StatusAsync(registered, HttpStatusCode.Created, fixture.Silo);
        var source = (await StatusAsync(id)).GetProperty("source").GetString();

        var status = await SyncAsync(id);

        Assert.Null(status.GetProperty("lastError").GetString());
        Assert.True(status.GetProperty("eventsRefused").GetInt64() > 0, status.ToString());
        var refused = status.GetProperty("refusedEvents").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.All(refused.Where(r => !r.StartsWith('…')), r => Assert.Contains("in the future", r));
        var rows = fixture.Journal.ReadEvents(SiloFixture.Uni).Where(r => r.Source == source).ToList();
        Assert.DoesNotContain(rows, r => r.EventId.StartsWith("completion:", StringComparison.Ordinal));
        Assert.Equal(status.GetProperty("eventsAccepted").GetInt64(), rows.Count); // the rest of the pass landed
        Assert.True(rows.Count > 0, status.ToString());
    }

    [Fact]
    public async Task ATokenReadFromAnAllowedEnvironmentVariableRegistersAndSyncs()
    {
        await using var moodle = await FakeMoodle.StartAsync();
        var id = "moodle-" + Guid.NewGuid().ToString("n")[..6];

        using var registered = await PostConnectionAsync(new { id, tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = "env:" + JobsSiloFixture.TokenVariable, schedule = "0 0 1 1 *" });

        await ResponseAssert.StatusAsync(registered, HttpStatusCode.Created, fixture.Silo);
        var status = await SyncAsync(id);
        Assert.Null(status.GetProperty("lastError").GetString());
        Assert.All(moodle.Requests, r => Assert.Equal(FakeMoodle.Token, r["wstoken"]));
        Assert.Contains("env:" + JobsSiloFixture.TokenVariable, fixture.Journal.StoredConnectionTokens());
    }

    [Fact]
    public async Task TheDataFolderAndEveryFileInItAreTheServiceUsersAlone()
    {
        // A registration stores an encrypted token, so the Data Protection key ring exists on disk too.
        await using var moodle = await FakeMoodle.StartAsync();
        using var registered = await PostConnectionAsync(new { tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = FakeMoodle.Token, schedule = "0 0 1 1 *" });
        await ResponseAssert.StatusAsync(registered, HttpStatusCode.Created, fixture.Silo);
        if (TestStorage.Postgres)
        {
            return; // the journal, snapshots, keys and jobs live in PostgreSQL
        }
        const UnixFileMode folderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode fileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var data = fixture.Silo.DataPath;
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);

        Assert.Equal(folderMode, File.GetUnixFileMode(data));
        Assert.All(Directory.GetDirectories(data, "*", SearchOption.AllDirectories), d => Assert.Equal(folderMode, File.GetUnixFileMode(d)));
        Assert.Contains(files, f => f.EndsWith("journal.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == fileMode, $"{f} is {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public async Task ATokenMoodleRejectsIsRefusedAtRegistrationNamingTheToken()
    {
        await using var moodle = await FakeMoodle.StartAsync();

        using var response = await PostConnectionAsync(new { tenant = SiloFixture.Uni, kind = "moodle", url = moodle.SiteUrl.ToString(), token = "wrong-token" });

        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Contains("invalidtoken", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("token")[0].GetString());
    }

    [Fact]
    public async Task LogstoreStatementsLandOnceAndAnInvalidBatchIsRejectedWhole()
    {
        var statements = LmsFixtures.Read("moodle-4.5/logstore_xapi_statements_POST_body.json");
        var before = fixture.Journal.ReadEvents(SiloFixture.Uni).Count;

        using var first = await PostStatementsAsync(statements);
        var ids = JsonDocument.Parse(await ResponseAssert.StatusAsync(first, HttpStatusCode.OK, fixture.Silo)).RootElement.EnumerateArray().Select(e => e.GetString()).ToList();
        var afterFirst = fixture.Journal.ReadEvents(SiloFixture.Uni).Count;
        using var again = await PostStatementsAsync(statements);
        var idsAgain = JsonDocument.Parse(await ResponseAssert.StatusAsync(again, HttpStatusCode.OK, fixture.Silo)).RootElement.EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids, idsAgain); // statements without ids get deterministic ones
        Assert.True(afterFirst > before);
        Assert.Equal(afterFirst, fixture.Journal.ReadEvents(SiloFixture.Uni).Count);

        var valid = LmsFixtures.Read("xapi_statement_adl_conformance_default_valid.json");
        var invalid = LmsFixtures.Read("xapi_statement_adl_conformance_invalid_no_actor.json");
        using var mixed = await PostStatementsAsync($"[{valid},{invalid}]");
        var problem = await ResponseAssert.StatusAsync(mixed, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.Contains("actor", problem);
        Assert.Equal(afterFirst, fixture.Journal.ReadEvents(SiloFixture.Uni).Count);
    }

    [Fact]
    public async Task StatementsNeedTheVersionHeaderAndTheTenantsCredentials()
    {
        var statement = LmsFixtures.Read("xapi_statement_adl_conformance_default_valid.json");

        using var noVersion = await PostStatementsAsync(statement, version: null);
        using var wrongKey = await PostStatementsAsync(statement, credentials: Basic(SiloFixture.Uni, "not-the-key"));
        using var otherTenantsKey = await PostStatementsAsync(statement, credentials: Basic(SiloFixture.Uni, SiloFixture.OtherKey));
        using var bearer = await PostStatementsAsync(statement, credentials: new AuthenticationHeaderValue("Bearer", SiloFixture.UniKey));

        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTenantsKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    private async Task<HttpResponseMessage> PostConnectionAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/connections") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = AdminClient.Basic("admin", JobsSiloFixture.AdminPassword);
        return await fixture.Silo.Http.SendAsync(request);
    }

    private async Task<JsonElement> SyncAsync(string id)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);
        return (await StatusAsync(id)).GetProperty("status");
    }

    private async Task<JsonElement> StatusAsync(string id)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/connections/{id}");
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement;
    }

    private async Task<HttpResponseMessage> PostStatementsAsync(string body, string? version = "1.0.3", AuthenticationHeaderValue? credentials = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/xapi/statements") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = credentials ?? Basic(SiloFixture.Uni, SiloFixture.UniKey);
        if (version is not null)
        {
            request.Headers.Add("X-Experience-API-Version", version);
        }
        return await fixture.Silo.Http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) => AdminClient.Basic(user, password);
}
