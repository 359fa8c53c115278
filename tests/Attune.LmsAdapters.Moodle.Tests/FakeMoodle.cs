using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Attune.LmsAdapters.Moodle.Tests;

/// <summary>One web-service call as the fake received it.</summary>
internal sealed record FakeMoodleRequest(string Function, IReadOnlyDictionary<string, string> Form)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the fake answers.</summary>
internal sealed record FakeReply(int Status, string Body, string ContentType = "application/json")
{
    public static FakeReply Json(string body) => new(200, body);

    /// <summary>Moodle's error envelope, which its REST server sends with HTTP 200 (LMS-NOTES §1a).</summary>
    public static FakeReply Error(string exception, string errorCode, string message, string? debugInfo = null)
    {
        var envelope = new JsonObject { ["exception"] = exception, ["errorcode"] = errorCode, ["message"] = message };
        if (debugInfo is not null)
        {
            envelope["debuginfo"] = debugInfo;
        }
        return Json(envelope.ToJsonString());
    }
}

/// <summary>
/// A Moodle REST server on 127.0.0.1 that answers with the real replies captured from Moodle 4.5.6
/// (fixtures/lms/moodle-4.5). Like Moodle it checks the token and the function against the token's service
/// (the captured site-info <c>functions</c> list) and answers errors with HTTP 200. A test can override any
/// function; an override returning <c>null</c> falls through to the captured reply.
/// </summary>
internal sealed class FakeMoodle : IAsyncDisposable
{
    public const string Token = "0c1d5e7f9a2b4c6d8e0f1a3b5c7d9e1f";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<FakeMoodleRequest, FakeReply?>> _overrides = new();
    private JsonObject _siteInfo = JsonNode.Parse(LmsFixtures.Read("moodle-4.5/core_webservice_get_site_info.json"))!.AsObject();

    private FakeMoodle(WebApplication app) => _app = app;

    public Uri SiteUrl { get; private set; } = null!;

    public ConcurrentQueue<FakeMoodleRequest> Requests { get; } = new();

    public IEnumerable<FakeMoodleRequest> CallsOf(string function) => Requests.Where(r => r.Function == function);

    public static async Task<FakeMoodle> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeMoodle(app);
        app.MapPost("/webservice/rest/server.php", fake.HandleAsync);
        await app.StartAsync();
        fake.SiteUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    public MoodleClient Client(string token = Token, MoodleClientOptions? options = null) =>
        new(new HttpClient(), new MoodleConnection(SiteUrl, token),
            options ?? new MoodleClientOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) });

    public void On(string function, Func<FakeMoodleRequest, FakeReply?> handler) => _overrides[function] = handler;

    /// <summary>Changes the site-info reply the fake serves, and so the functions the token may call.</summary>
    public void EditSiteInfo(Action<JsonObject> edit) => edit(_siteInfo);

    public void RemoveFunction(string name) =>
        EditSiteInfo(info => info["functions"]!.AsArray().Remove(info["functions"]!.AsArray().First(f => (string?)f!["name"] == name)));

    public void AddFunction(string name) =>
        EditSiteInfo(info => info["functions"]!.AsArray().Add(new JsonObject { ["name"] = name, ["version"] = "2024100700" }));

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var request = new FakeMoodleRequest(form["wsfunction"].ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        Requests.Enqueue(request);
        var reply = Answer(request, form["wstoken"].ToString(), form["moodlewsrestformat"].ToString());
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body);
    }

    private FakeReply Answer(FakeMoodleRequest request, string token, string format)
    {
        if (format != "json")
        {
            return new FakeReply(200, "<?xml version=\"1.0\"?><EXCEPTION/>", "application/xml");
        }
        if (token != Token)
        {
            return FakeReply.Error("moodle_exception", "invalidtoken", "Invalid token - token not found");
        }
        if (_overrides.TryGetValue(request.Function, out var handler) && handler(request) is { } overridden)
        {
            return overridden;
        }
        var functions = _siteInfo["functions"]!.AsArray().Select(f => (string?)f!["name"]).ToHashSet();
        if (!functions.Contains(request.Function))
        {
            return FakeReply.Error("core\\exception\\webservice_access_exception", "accessexception", "Access control exception");
        }
        return request.Function switch
        {
            MoodleFunctions.GetSiteInfo => FakeReply.Json(_siteInfo.ToJsonString()),
            MoodleFunctions.GetCourses => Captured("core_course_get_courses"),
            MoodleFunctions.GetCourseContents when request["courseid"] == "2" => Captured("core_course_get_contents"),
            MoodleFunctions.GetEnrolledUsers when request["courseid"] == "2" => Captured("core_enrol_get_enrolled_users"),
            // The capture is one learner's statuses; the fake answers it for every learner of course 2.
            MoodleFunctions.GetActivitiesCompletionStatus when request["courseid"] == "2" => Captured("core_completion_get_activities_completion_status"),
            MoodleFunctions.GetGradeItems when request["courseid"] == "2" => Captured("gradereport_user_get_grade_items"),
            _ => FakeReply.Error("dml_missing_record_exception", "invalidrecord", "Can't find data record in database table course."),
        };
    }

    private static FakeReply Captured(string function) => FakeReply.Json(LmsFixtures.Read($"moodle-4.5/{function}.json"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
