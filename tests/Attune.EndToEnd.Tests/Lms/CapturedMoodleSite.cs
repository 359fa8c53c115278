using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Attune.LmsAdapters.Moodle.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// A Moodle REST server answering with what the real Moodle 4.5.6 "Probe University" answered for course 4
/// (fixtures/lms/moodle-4.5-logstore-real/ws), the same site whose logstore_xapi statements the tests push.
/// </summary>
/// <remarks>
/// The captures name the site <c>http://127.0.0.1:44331</c>; the fake listens on a free port, so it serves every
/// capture (and <see cref="Statements"/> gives every statement) with that origin replaced by its own. The site is then
/// the same site through both doors, as it was for the real receiver, without binding a fixed port that parallel test
/// runs would fight over. Per-learner captures are served per <c>userid</c>; the sync asks for all users' grades at
/// once (<c>userid</c> 0), which the fake answers with the five captured learners' grades together.
/// </remarks>
internal sealed class CapturedMoodleSite : IAsyncDisposable
{
    public const string CapturedOrigin = "http://127.0.0.1:44331";
    private const string Folder = "moodle-4.5-logstore-real";
    private static readonly long[] Learners = [3, 4, 5, 6, 9];

    private readonly WebApplication _app;
    private readonly HashSet<string> _tokens;

    private CapturedMoodleSite(WebApplication app, IEnumerable<string> tokens)
    {
        _app = app;
        _tokens = [.. tokens];
    }

    /// <summary>The fake's base URL, without a trailing slash (Moodle's wwwroot form).</summary>
    public string Origin { get; private set; } = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Starts the site; it accepts any of <paramref name="tokens"/> (a rotated token is a second one).</summary>
    public static async Task<CapturedMoodleSite> StartAsync(params string[] tokens)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var site = new CapturedMoodleSite(app, tokens);
        app.MapPost("/webservice/rest/server.php", site.HandleAsync);
        await app.StartAsync();
        site.Origin = app.Urls.Single().TrimEnd('/');
        return site;
    }

    /// <summary>A capture of statements (<c>clean_run_statements.json</c>, <c>first_run_statements.json</c>) as sent from this site.</summary>
    public JsonArray Statements(string file) => JsonNode.Parse(Localise(LmsFixtures.Read($"{Folder}/{file}")))!.AsArray();

    private string Localise(string json) => json.Replace(CapturedOrigin, Origin, StringComparison.Ordinal);

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var function = form["wsfunction"].ToString();
        Calls.Enqueue(function);
        context.Response.ContentType = "application/json";
        if (!_tokens.Contains(form["wstoken"].ToString()))
        {
            await context.Response.WriteAsync("""{"exception":"moodle_exception","errorcode":"invalidtoken","message":"Invalid token - token not found"}""");
            return;
        }
        await context.Response.WriteAsync(Answer(function, name => form[name].ToString()));
    }

    private string Answer(string function, Func<string, string> arg) => function switch
    {
        "core_webservice_get_site_info" => Capture("core_webservice_get_site_info"),
        "core_course_get_courses" => Capture("core_course_get_courses"),
        "core_course_get_contents" when arg("courseid") == "4" => Capture("core_course_get_contents_course4"),
        // One page holds every enrolled user; a request for the next page gets none.
        "core_enrol_get_enrolled_users" when arg("courseid") == "4" => arg("options[2][value]") is "0" or "" ? Capture("core_enrol_get_enrolled_users_course4") : "[]",
        "core_completion_get_activities_completion_status" when arg("courseid") == "4" => Capture($"core_completion_get_activities_completion_status_course4_user{arg("userid")}"),
        "gradereport_user_get_grade_items" when arg("courseid") == "4" => arg("userid") is "" or "0" ? AllGrades() : Capture($"gradereport_user_get_grade_items_course4_user{arg("userid")}"),
        "core_course_get_updates_since" when arg("courseid") == "4" => Capture("core_course_get_updates_since_course4"),
        "mod_assign_get_submissions" => Capture("mod_assign_get_submissions_assign1"),
        "mod_quiz_get_quizzes_by_courses" => Capture("mod_quiz_get_quizzes_by_courses_course4"),
        "mod_quiz_get_user_attempts" when arg("quizid") == "3" => Capture($"mod_quiz_get_user_attempts_quiz3_user{arg("userid")}"),
        _ => """{"exception":"dml_missing_record_exception","errorcode":"invalidrecord","message":"Can't find data record in database table."}""",
    };

    private string AllGrades()
    {
        var all = new JsonArray();
        foreach (var user in Learners)
        {
            var one = JsonNode.Parse(Capture($"gradereport_user_get_grade_items_course4_user{user}"))!["usergrades"]!.AsArray();
            foreach (var grades in one.ToList())
            {
                one.Remove(grades);
                all.Add(grades);
            }
        }
        return new JsonObject { ["usergrades"] = all, ["warnings"] = new JsonArray() }.ToJsonString();
    }

    private string Capture(string name) => Localise(LmsFixtures.Read($"{Folder}/ws/{name}.json"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
