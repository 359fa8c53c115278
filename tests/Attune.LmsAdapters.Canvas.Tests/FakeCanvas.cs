using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>One request as the fake received it.</summary>
internal sealed record FakeCanvasRequest(string Path, IReadOnlyList<KeyValuePair<string, string>> Query, string? Authorization)
{
    public string? this[string name] => Query.FirstOrDefault(q => q.Key == name).Value;

    public IReadOnlyList<string> All(string name) => [.. Query.Where(q => q.Key == name).Select(q => q.Value)];
}

/// <summary>What the fake answers.</summary>
internal sealed record FakeReply(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeReply Json(string body) => new(200, body);

    public static FakeReply TooManyRequests(int? retryAfterSeconds = null) => new(429, "429 Too Many Requests", "text/plain",
        retryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(CultureInfo.InvariantCulture) } : null);

    /// <summary>Canvas's old throttling answer: a 403 told apart from a permission 403 only by its text (LMS-NOTES §2a).</summary>
    public static FakeReply RateLimitExceeded() => new(403, "403 Forbidden (Rate Limit Exceeded)\n", "text/plain");

    /// <summary>A permission 403, worded as LMS-NOTES §6 records it.</summary>
    public static FakeReply Unauthorized(string? extra = null) =>
        new(403, new JsonObject
        {
            ["status"] = "unauthorized",
            ["errors"] = new JsonArray(new JsonObject { ["message"] = "user not authorized to perform that action" + extra }),
        }.ToJsonString());

    public static FakeReply NotFound() => new(404, """{"errors":[{"message":"The specified resource does not exist."}]}""");
}

/// <summary>
/// A Canvas REST server on 127.0.0.1 answering from TestData (documented shapes, see TestData/README.md). Like
/// Canvas it checks the bearer token, pages lists (at most <see cref="PageCap"/> items whatever <c>per_page</c>
/// asks) with a lower-case <c>link</c> header that never has <c>rel="last"</c>, and applies
/// <c>submitted_since</c>/<c>graded_since</c>. It measures how many requests of each token are in flight at once.
/// A test can override any path; an override returning <c>null</c> falls through to the data.
/// </summary>
internal sealed partial class FakeCanvas : IAsyncDisposable
{
    public const string Token = "7~Zq4KfakeCanvasTokenDoNotLog9XwB2pLmN";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<FakeCanvasRequest, FakeReply?>> _overrides = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new();
    private readonly Lock _lock = new();

    private FakeCanvas(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<FakeCanvasRequest> Requests { get; } = new();

    /// <summary>The most items one page holds.</summary>
    public int PageCap { get; set; } = 2;

    /// <summary>How long each request is held before the answer, so concurrent requests overlap.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>The <c>X-Rate-Limit-Remaining</c> sent, if any.</summary>
    public double? RateLimitRemaining { get; set; }

    public IEnumerable<FakeCanvasRequest> CallsTo(string path) => Requests.Where(r => r.Path == path);

    public int MaxInFlight(string token) => _maxInFlight.GetValueOrDefault("Bearer " + token);

    public static async Task<FakeCanvas> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeCanvas(app);
        app.MapGet("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    public CanvasClient Client(string token = Token, CanvasClientOptions? options = null, TimeProvider? time = null, ILogger<CanvasClient>? logger = null) =>
        new(new HttpClient(), new CanvasConnection(BaseUrl, token), options ?? FastRetries, time, logger);

    /// <summary>Retries and throttling waits of milliseconds, so tests of them take no time.</summary>
    public static CanvasClientOptions FastRetries { get; } = new()
    {
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        InitialThrottleDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    public void On(string path, Func<FakeCanvasRequest, FakeReply?> handler) => _overrides[path] = handler;

    private async Task HandleAsync(HttpContext context)
    {
        var request = new FakeCanvasRequest(
            context.Request.Path.Value!.TrimStart('/'),
            [.. context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))],
            context.Request.Headers.Authorization.ToString());
        Requests.Enqueue(request);

        var key = request.Authorization ?? string.Empty;
        var now = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        lock (_lock)
        {
            _maxInFlight[key] = Math.Max(_maxInFlight.GetValueOrDefault(key), now);
        }
        FakeReply reply;
        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }
            reply = Answer(request, context);
        }
        finally
        {
            // Counted out before the answer is written: the client frees its slot only after reading the answer,
            // so a request it sends next can never overlap this one here.
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.Headers["X-Request-Cost"] = "1.5";
        if (RateLimitRemaining is { } remaining)
        {
            context.Response.Headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body);
    }

    private FakeReply Answer(FakeCanvasRequest request, HttpContext context)
    {
        if (request.Authorization != "Bearer " + Token)
        {
            return new FakeReply(401, """{"errors":[{"message":"Invalid access token."}]}""", Headers: new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = "Bearer realm=\"canvas-lms\"",
            });
        }
        if (_overrides.TryGetValue(request.Path, out var handler) && handler(request) is { } overridden)
        {
            return overridden;
        }
        var path = request.Path;
        if (path is "api/v1/courses" || AccountCourses().IsMatch(path))
        {
            return Page(Data("courses.json"), request, context);
        }
        if (Course().Match(path) is { Success: true } course)
        {
            var id = long.Parse(course.Groups["id"].Value, CultureInfo.InvariantCulture);
            return Data("courses.json").FirstOrDefault(c => (long)c!["id"]! == id) is { } found ? FakeReply.Json(found.ToJsonString()) : FakeReply.NotFound();
        }
        if (CourseList().Match(path) is not { Success: true } list)
        {
            return FakeReply.NotFound();
        }
        var courseId = list.Groups["id"].Value;
        var what = list.Groups["what"].Value switch
        {
            "students/submissions" => "submissions",
            var moduleItems when moduleItems.StartsWith("modules/", StringComparison.Ordinal) => "module_" + moduleItems["modules/".Length..].Replace("/items", "_items", StringComparison.Ordinal),
            var other => other,
        };
        var file = Path.Combine(AppContext.BaseDirectory, "TestData", $"course_{courseId}_{what}.json");
        if (!File.Exists(file))
        {
            return FakeReply.NotFound();
        }
        var items = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        IEnumerable<JsonNode?> selected = items;
        if (what == "enrollments")
        {
            var types = request.All("type[]");
            var states = request.All("state[]");
            selected = selected.Where(e => (types.Count == 0 || types.Contains((string)e!["type"]!)) && (states.Count == 0 || states.Contains((string)e!["enrollment_state"]!)));
        }
        if (what == "submissions")
        {
            // Canvas: "submitted_at > ?" and "graded_at > ?", one after the other (submissions_api_controller.rb).
            foreach (var (parameter, field) in new[] { ("submitted_since", "submitted_at"), ("graded_since", "graded_at") })
            {
                if (request[parameter] is not { } since)
                {
                    continue;
                }
                if (!CanvasSince().IsMatch(since))
                {
                    return new FakeReply(400, new JsonObject { ["errors"] = new JsonObject { [parameter] = $"Invalid datetime for {parameter}" } }.ToJsonString());
                }
                var after = DateTimeOffset.Parse(since, CultureInfo.InvariantCulture);
                selected = selected.Where(s => s![field] is { } value && DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture) > after);
            }
        }
        return Page(new JsonArray([.. selected.Select(n => n!.DeepClone())]), request, context);
    }

    private FakeReply Page(JsonArray all, FakeCanvasRequest request, HttpContext context)
    {
        var perPage = int.TryParse(request["per_page"], CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 10;
        perPage = Math.Min(perPage, PageCap);
        var page = int.TryParse(request["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var items = new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(n => n!.DeepClone())]);
        string Url(int n) => new Uri(BaseUrl, request.Path + "?" + string.Join('&',
            request.Query.Where(q => q.Key is not ("page" or "per_page"))
                .Append(new("page", n.ToString(CultureInfo.InvariantCulture)))
                .Append(new("per_page", perPage.ToString(CultureInfo.InvariantCulture)))
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)))).AbsoluteUri;
        var links = new List<string> { $"<{Url(page)}>; rel=\"current\"" };
        if (page * perPage < all.Count)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
        }
        if (page > 1)
        {
            links.Add($"<{Url(page - 1)}>; rel=\"prev\"");
        }
        links.Add($"<{Url(1)}>; rel=\"first\"");
        // Canvas joins the links with "," and may leave out rel="last" (doc/api/pagination.md); the header name
        // goes out lower-case, as capitalisation is not guaranteed.
        return new FakeReply(200, items.ToJsonString(), Headers: new Dictionary<string, string> { ["link"] = string.Join(',', links) });
    }

    private static JsonArray Data(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file)))!.AsArray();

    [GeneratedRegex(@"^api/v1/accounts/\d+/courses$")]
    private static partial Regex AccountCourses();

    [GeneratedRegex(@"^api/v1/courses/(?<id>\d+)$")]
    private static partial Regex Course();

    [GeneratedRegex(@"^api/v1/courses/(?<id>\d+)/(?<what>modules|modules/\d+/items|assignments|enrollments|students/submissions)$")]
    private static partial Regex CourseList();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex CanvasSince();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
