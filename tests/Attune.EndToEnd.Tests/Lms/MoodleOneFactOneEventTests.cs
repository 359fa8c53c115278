using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.LmsAdapters.Moodle.Tests;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// One real Moodle 4.5.6 course seen through both doors (issue 14): the logstore_xapi statements it sent, POSTed as
/// logstore_xapi posts them, and its web services, served by a fake from the captured answers, in every order, end in
/// the same journal: one row per Moodle fact, under the site, in course 4.
/// </summary>
public sealed class MoodleOneFactOneEventTests(MoodleDoorsSiloFixture fixture) : IClassFixture<MoodleDoorsSiloFixture>
{
    private const string Token = "probe-ws-token-0123456789abcdef";
    private const string RotatedToken = "probe-ws-token-rotated-fedcba98";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Events per learner once both doors have delivered, derived once by hand from the captures in
    /// fixtures/lms/moodle-4.5-logstore-real:
    /// <list type="bullet">
    /// <item>The push (clean_run_statements.json, 106 statements): 33 carry verbs that are no learning event (create 12,
    /// login 8, registered 7, enrolled 6). The other 73 are each a different fact: alice (user 3) 2 course views (07:32:50,
    /// 07:32:52), 4 module views, 4 completions (page 7, url 8, quiz 9, assignment 10), quiz attempt 1 started and
    /// finished, 2 answers, the submission and its grade = 16; bob (4) and carol (5) likewise 16; dave (6) 19 (two
    /// logins' worth of visits: 3 course views and 6 module views); erin (9) 6 (course view, 3 module views, 2
    /// completions; no attempt, no submission).</item>
    /// <item>The pull (ws/, 38 events): per learner the 4 completions (erin 2), the assignment submission, the assignment
    /// grade, the quiz attempt's start and finish, and the quiz's gradebook grade. All but the quiz grade are facts the
    /// push carried too (same module, learner and Moodle time; attempts by attempt id), so the pull adds 1 per learner
    /// with a quiz grade: alice, bob, carol, dave.</item>
    /// <item>first_run_statements.json (221) holds the same 73 facts again, sent by a later run with new registrations,
    /// plus 28 <c>uncompleted</c> and more create/login/registered/enrolled: it adds nothing.</item>
    /// </list>
    /// So 17, 17, 17, 20 and 6: 77 events.
    /// </summary>
    private static readonly Dictionary<string, int> BothDoors = new() { ["3"] = 17, ["4"] = 17, ["5"] = 17, ["6"] = 20, ["9"] = 6 };

    /// <summary>The push alone: <see cref="BothDoors"/> without the quiz's gradebook grades.</summary>
    private static readonly Dictionary<string, int> PushOnly = new() { ["3"] = 16, ["4"] = 16, ["5"] = 16, ["6"] = 19, ["9"] = 6 };

    [Fact]
    public async Task PushFirstThenPullCountsEachFactOnce()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "push-first";
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"));
        var id = await RegisterAsync(tenant, moodle, Token);
        var status = await SyncAsync(id);

        AssertJournal(tenant, moodle, BothDoors);
        // The pull's 38 events: 34 already pushed, 4 quiz grades new.
        Assert.Equal(4, status.GetProperty("eventsAccepted").GetInt64());
        Assert.Equal(34, status.GetProperty("eventsDuplicate").GetInt64());
    }

    [Fact]
    public async Task PullFirstThenPushCountsEachFactOnce()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "pull-first";
        var id = await RegisterAsync(tenant, moodle, Token);
        var status = await SyncAsync(id);
        Assert.Equal(38, status.GetProperty("eventsAccepted").GetInt64());
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"));

        AssertJournal(tenant, moodle, BothDoors);
    }

    [Fact]
    public async Task InterleavedDoorsCountEachFactOnce()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "interleaved";
        var statements = moodle.Statements("clean_run_statements.json");
        var id = await RegisterAsync(tenant, moodle, Token);
        await PushAsync(tenant, Slice(statements, 0, 50));
        await SyncAsync(id);
        await PushAsync(tenant, Slice(statements, 50, statements.Count));
        await SyncAsync(id);

        AssertJournal(tenant, moodle, BothDoors);
    }

    [Fact]
    public async Task AResendRunWithNewRegistrationsAddsNothing()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "resend";
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"));
        var afterClean = Rows(tenant).Count;
        await PushAsync(tenant, moodle.Statements("first_run_statements.json"));
        // One statement of that run is erin's quiz view sent with the mbox identity: until a pull tells the identity map
        // whose address it is, it is the learner mailto:erin@…; the sync's identity repair re-keys it onto erin (9).
        Assert.Equal(afterClean + 1, Rows(tenant).Count);
        Assert.Single(Rows(tenant), r => r.Learner == "mailto:erin@students.example.edu");
        var id = await RegisterAsync(tenant, moodle, Token);
        await SyncAsync(id);

        AssertJournal(tenant, moodle, BothDoors);
        // What the push carried that is no event is counted per verb on the connection.
        var ignored = (await ConnectionAsync(id)).GetProperty("ignoredVerbs");
        Assert.Equal(28, ignored.GetProperty("https://xapi.edlm/profiles/edlm-lms/concepts/verbs/uncompleted").GetInt64());
        Assert.Equal(12 + 24, ignored.GetProperty("http://activitystrea.ms/create").GetInt64());
    }

    [Fact]
    public async Task ASecondConnectionToTheSameSitePullsNothingNew()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token, RotatedToken);
        const string tenant = "second-connection";
        var first = await RegisterAsync(tenant, moodle, Token);
        await SyncAsync(first);
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"));
        var second = await RegisterAsync(tenant, moodle, RotatedToken);
        var status = await SyncAsync(second);

        Assert.Equal(0, status.GetProperty("eventsAccepted").GetInt64());
        Assert.Equal(38, status.GetProperty("eventsDuplicate").GetInt64());
        AssertJournal(tenant, moodle, BothDoors);
    }

    [Fact]
    public async Task StatementsSentWithTheMboxIdentityReachTheSameLearners()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "mbox";
        var id = await RegisterAsync(tenant, moodle, Token);
        await SyncAsync(id); // fills the identity map from the enrolled users
        await PushAsync(tenant, WithMbox(moodle.Statements("clean_run_statements.json")));

        AssertJournal(tenant, moodle, BothDoors);
        using var identities = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/identities?tenant={tenant}&learner=9");
        var map = await ResponseAssert.StatusAsync(identities, HttpStatusCode.OK, fixture.Silo);
        Assert.Contains("erin@students.example.edu", map);
        Assert.Contains("\"erin\"", map);
    }

    [Fact]
    public async Task MboxStatementsPushedBeforeAnyPullAreReKeyedOntoTheirLearners()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "mbox-push-first";
        await PushAsync(tenant, WithMbox(moodle.Statements("clean_run_statements.json")));
        Assert.All(Rows(tenant), r => Assert.StartsWith("mailto:", r.Learner));
        var id = await RegisterAsync(tenant, moodle, Token);
        await SyncAsync(id); // learns the addresses, then re-keys what was journaled under them

        AssertJournal(tenant, moodle, BothDoors);
        // The repair is also a job of its own, and a second run finds nothing left to do.
        using var response = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/identities/repair?tenant={tenant}");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);
        AssertJournal(tenant, moodle, BothDoors);
    }

    [Fact]
    public async Task TheConnectionDoorTakesLogstoreXapisOwnUrlHandling()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "connection-door";
        var id = await RegisterAsync(tenant, moodle, Token);
        // logstore_xapi is given the endpoint …/xapi/connections/{id} and appends /statements itself.
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"), $"/xapi/connections/{id}/statements");
        await SyncAsync(id);

        AssertJournal(tenant, moodle, BothDoors);
        using var unknown = await PostAsync(tenant, "[]", "/xapi/connections/no-such-connection/statements");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StatementsWithNoConnectionLandUnderTheSiteInTheCourseThePullUses()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "push-only";
        await PushAsync(tenant, moodle.Statements("clean_run_statements.json"));

        AssertJournal(tenant, moodle, PushOnly);
        var items = Rows(tenant).Select(r => r.Item).ToHashSet();
        Assert.Contains("7", items); // the page, by its course-module id, as the pull names it
        Assert.Contains("course:4", items);
    }

    /// <summary>
    /// Statements journaled before Attune knew their site: sent without <c>context.platform</c> (nothing tells the door
    /// they are Moodle's), two learners with the <c>mbox</c> identity, half of them before any connection existed. They
    /// land under the generic xAPI source, with the course page's IRI as course and mailto: learners. Registering the
    /// connection and its sync (pull, then the repair job) re-keys them onto the site's ids, each fact once however many
    /// generic copies (resends) and pulled twins it has; later statements are placed
    /// by the connected site at once. The journal ends as every other order's does, and so do the learners' models.
    /// </summary>
    [Fact]
    public async Task StatementsJournaledBeforeTheirSiteWasKnownAreReKeyedOntoTheConnectionsIds()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "rekey-late";
        var statements = WithoutPlatform(WithMbox(moodle.Statements("clean_run_statements.json"), "3", "6"));
        await PushAsync(tenant, Slice(statements, 0, 60));
        // The earlier run too, whose resends of the same facts carry other registrations, so other generic ids.
        await PushAsync(tenant, WithoutPlatform(moodle.Statements("first_run_statements.json")));

        var early = fixture.Journal.ReadEvents(tenant);
        Assert.NotEmpty(early);
        Assert.All(early, r => Assert.Equal("xapi", r.Source));
        Assert.Contains(early, r => r.Course == moodle.Origin + "/course/view.php?id=4");
        Assert.Contains(early, r => r.Learner == "mailto:alice@students.example.edu");
        Assert.Contains(early, r => r.Learner == "4");
        var learners = new TenantClient(fixture.Silo, MoodleDoorsSiloFixture.KeyOf(tenant));
        var bobBefore = await learners.GetLearnerOkAsync("4");
        Assert.Contains(bobBefore.Courses, c => c.Course == moodle.Origin + "/course/view.php?id=4");

        var id = await RegisterAsync(tenant, moodle, Token);
        var status = await SyncAsync(id);
        await PushAsync(tenant, Slice(statements, 60, statements.Count));

        AssertJournal(tenant, moodle, BothDoors);
        // The grains were rebuilt from the repaired journal: each learner's model counts every fact once, in course 4.
        foreach (var (learner, events) in BothDoors)
        {
            var model = await learners.GetLearnerOkAsync(learner);
            Assert.Equal(events, model.EventsApplied);
            Assert.Equal(["4"], model.Courses.Select(c => c.Course));
        }
        // The course projections the popularity baseline ranks by hold course 4 and its five learners only, each item's
        // learners counted as the journal has them.
        var (courseLearners, engagement) = fixture.Journal.Projections(tenant);
        Assert.Equal(BothDoors.Keys.Order().Select(l => ("4", l)), courseLearners);
        var rows = Rows(tenant);
        Assert.Equal(
            rows.GroupBy(r => r.Item).Select(g => ("4", g.Key, (long)g.Select(r => r.Learner).Distinct().Count())).OrderBy(e => e.Key, StringComparer.Ordinal),
            engagement.OrderBy(e => e.Item, StringComparer.Ordinal));
        // The names the events were first journaled under are no learners any more.
        using (var alias = await learners.GetLearnerAsync("mailto:alice@students.example.edu"))
        {
            Assert.Equal(HttpStatusCode.NotFound, alias.StatusCode);
        }

        // The repair is a Hangfire job of its own; run again, it finds nothing to do and the journal stays as it is.
        using var response = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/identities/repair?tenant={tenant}");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        var done = await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);
        Assert.Contains("Nothing to re-key", done.ToString());
        AssertJournal(tenant, moodle, BothDoors);
        Assert.Equal(17, (await learners.GetLearnerOkAsync("3")).EventsApplied);
    }

    /// <summary>
    /// Moodle's LTI 1.3 launches name the user by <c>sub</c>, the Moodle user id (the real launch of alice from the same
    /// Probe University site, fixtures/lms/moodle-4.5-lti13-real): the pull records it in the identity map, so a launch
    /// resolves to the learner the pull and the push know.
    /// </summary>
    [Fact]
    public async Task ThePullRecordsEachLearnersLtiSubjectAsMoodleLaunchesSendIt()
    {
        await using var moodle = await CapturedMoodleSite.StartAsync(Token);
        const string tenant = "lti-subject";
        var id = await RegisterAsync(tenant, moodle, Token);
        await SyncAsync(id);

        var launch = JsonNode.Parse(LmsFixtures.Read("moodle-4.5-lti13-real/moodle_lti13_id_token_claims_student.json"))!;
        Assert.Equal(CapturedMoodleSite.CapturedOrigin, launch["iss"]!.ToString()); // the same site as the captures served here
        var sub = launch["sub"]!.ToString();
        var source = "moodle:" + new Uri(moodle.Origin).Authority;
        using var identities = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/identities?tenant={tenant}&source={Uri.EscapeDataString(source)}");
        var entries = JsonDocument.Parse(await ResponseAssert.StatusAsync(identities, HttpStatusCode.OK, fixture.Silo)).RootElement.EnumerateArray().ToList();
        var subject = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "lti-subject" && e.GetProperty("value").GetString() == sub);
        Assert.Equal("3", subject.GetProperty("learner").GetString());
        // alice's email, as the launch carries it, names the same learner.
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "email" && e.GetProperty("value").GetString() == launch["email"]!.ToString()
            && e.GetProperty("learner").GetString() == "3");
        Assert.Equal(BothDoors.Count, entries.Count(e => e.GetProperty("kind").GetString() == "lti-subject"));
    }

    [Fact]
    public async Task AWrongBasicPasswordIsAnsweredInTermsOfBasic()
    {
        using var response = await PostAsync("push-first", "[]", "/xapi/statements", password: "not-the-key-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Basic credentials are wrong", body);
        Assert.DoesNotContain("Bearer <key>", body);
    }

    private void AssertJournal(string tenant, CapturedMoodleSite moodle, Dictionary<string, int> expected)
    {
        var rows = Rows(tenant);
        var source = "moodle:" + new Uri(moodle.Origin).Authority;
        Assert.All(fixture.Journal.ReadEvents(tenant), r => Assert.Equal(source, r.Source));
        // No split course: every event of the course is in course 4, whatever door it came through.
        Assert.All(rows, r => Assert.Equal("4", r.Course));
        var perLearner = rows.GroupBy(r => r.Learner).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), perLearner.OrderBy(e => e.Key));
        Assert.Equal(rows.Count, rows.Select(r => r.EventId).Distinct().Count());
        if (expected == BothDoors)
        {
            // The same journal whatever the order: the first scenario to finish is the reference for the others.
            var reference = Interlocked.CompareExchange(ref _bothDoorsJournal, rows, null) ?? rows;
            Assert.Equal(reference, rows);
        }
    }

    private static List<(string EventId, string Learner, string Item, string? Course, string Kind)>? _bothDoorsJournal;

    private List<(string EventId, string Learner, string Item, string? Course, string Kind)> Rows(string tenant) =>
        [.. fixture.Journal.ReadEvents(tenant).Select(r => (r.EventId, r.Learner, r.Item, r.Course, r.Kind)).Order()];


    private async Task<string> RegisterAsync(string tenant, CapturedMoodleSite moodle, string token)
    {
        var id = $"{tenant}-{Guid.NewGuid():n}"[..(tenant.Length + 7)];
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/connections")
        {
            Content = JsonContent.Create(new { id, tenant, kind = "moodle", url = moodle.Origin + "/", token, schedule = "0 0 1 1 *" }),
        };
        request.Headers.Authorization = AdminClient.Basic("admin", MoodleDoorsSiloFixture.AdminPassword);
        using var response = await fixture.Silo.Http.SendAsync(request);
        var body = await ResponseAssert.StatusAsync(response, HttpStatusCode.Created, fixture.Silo);
        Assert.Contains("core_completion_get_activities_completion_status", JsonDocument.Parse(body).RootElement.GetProperty("requiredFunctions").ToString());
        return id;
    }

    private async Task<JsonElement> SyncAsync(string id)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/connections/{id}/sync");
        var job = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.Accepted, fixture.Silo)).RootElement.GetProperty("jobId").GetString()!;
        await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);
        var status = (await ConnectionAsync(id)).GetProperty("status");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastError").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("lastSuccessAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("lastDuration").ValueKind);
        return status;
    }

    private async Task<JsonElement> ConnectionAsync(string id)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/connections/{id}");
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement;
    }

    /// <summary>As logstore_xapi's emit task posts: batches of 30 (its default maxbatchsize) in send order, each a JSON array.</summary>
    private async Task PushAsync(string tenant, JsonArray statements, string path = "/xapi/statements")
    {
        for (var start = 0; start < statements.Count; start += 30)
        {
            using var response = await PostAsync(tenant, Slice(statements, start, Math.Min(statements.Count, start + 30)).ToJsonString(), path);
            // Anything but 200 makes logstore_xapi count the batch as failed.
            var ids = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement;
            Assert.Equal(Math.Min(30, statements.Count - start), ids.GetArrayLength());
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string tenant, string body, string path, string? password = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = AdminClient.Basic(tenant, password ?? MoodleDoorsSiloFixture.KeyOf(tenant));
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        return await fixture.Silo.Http.SendAsync(request);
    }

    private static JsonArray Slice(JsonArray statements, int from, int to) =>
        [.. statements.Skip(from).Take(to - from).Select(s => s!.DeepClone())];

    /// <summary>
    /// The statements as logstore_xapi sends them with its <c>mbox</c> identity setting: the actor's account replaced by
    /// <c>mbox: mailto:&lt;email&gt;</c> (first_run_statements.json shows two such actors), emails from the captured enrolled users.
    /// </summary>
    private static JsonArray WithMbox(JsonArray statements, params string[] only)
    {
        var emails = JsonNode.Parse(LmsFixtures.Read("moodle-4.5-logstore-real/ws/core_enrol_get_enrolled_users_course4.json"))!.AsArray()
            .ToDictionary(u => u!["id"]!.ToString(), u => u!["email"]!.ToString());
        var copy = Slice(statements, 0, statements.Count);
        foreach (var statement in copy)
        {
            var actor = statement!["actor"]!.AsObject();
            if (actor["account"]?["name"]?.ToString() is { } user && (only.Length == 0 || only.Contains(user)) && emails.TryGetValue(user, out var email))
            {
                actor.Remove("account");
                actor["mbox"] = "mailto:" + email;
            }
        }
        return copy;
    }

    /// <summary>The statements as a sender that does not name its platform sends them: without <c>context.platform</c>.</summary>
    private static JsonArray WithoutPlatform(JsonArray statements)
    {
        var copy = Slice(statements, 0, statements.Count);
        foreach (var statement in copy)
        {
            statement!["context"]?.AsObject().Remove("platform");
        }
        return copy;
    }
}
