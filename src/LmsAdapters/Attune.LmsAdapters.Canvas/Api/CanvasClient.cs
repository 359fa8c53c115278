using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// Reads one Canvas instance's REST API with one access token (LMS-NOTES §2a).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Auth</b>: <c>Authorization: Bearer</c>, never the <c>access_token</c> query parameter (which Canvas does
/// not echo into pagination links and which would put the secret into URLs and logs).</item>
/// <item><b>Pages</b>: every list asks for <see cref="CanvasClientOptions.PerPage"/> and follows <c>rel="next"</c> of the
/// <c>Link</c> header (<see cref="CanvasLinkHeader"/>) until there is none; the URLs are opaque. A next link to
/// another origin is refused rather than sent the token.</item>
/// <item><b>Throttling</b>: all clients of a token share one <see cref="CanvasTokenGate"/>: at most
/// <see cref="CanvasClientOptions.MaxConcurrentRequestsPerToken"/> requests in flight, a shared pause while
/// <c>X-Rate-Limit-Remaining</c> is low, and a shared back-off after 429 or a 403 whose body says
/// "Rate Limit Exceeded" — Canvas's old throttling answer, told apart from a permission 403 only by its text
/// (doc/api/throttling.md; ucfopen/canvasapi#466, #704). A permission 403 is an answer and fails at once.</item>
/// <item><b>Failures</b>: network errors, time-outs, 408 and 5xx are retried, and throttling with its own budget, through
/// the shared <see cref="LmsHttpPipeline"/> (exponential back-off with jitter, <c>Retry-After</c>), waiting on the given
/// <see cref="TimeProvider"/>; what still fails becomes <see cref="CanvasTransportException"/>.</item>
/// <item><b>Secrets</b>: the token is only ever in the request header; exception texts and log lines carry the path
/// and what Canvas said, scrubbed of the token in case Canvas echoed it.</item>
/// </list>
/// Every call is a GET: retrying is always safe.
/// </remarks>
public sealed class CanvasClient
{
    private const int MaxMessageLength = 300;

    private readonly HttpClient _http;
    private readonly CanvasConnection _connection;
    private readonly CanvasClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CanvasTokenGate _gate;
    private readonly LmsHttpPipeline _pipeline;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The HTTP client (from <c>IHttpClientFactory</c> in a host); its timeout bounds one try.</param>
    /// <param name="connection">The instance and token.</param>
    /// <param name="options">Paging, throttling and retry settings; defaults when <c>null</c>.</param>
    /// <param name="timeProvider">The clock waits run on; the system clock when <c>null</c>.</param>
    /// <param name="logger">Where retries and throttling are logged (never with the token).</param>
    public CanvasClient(
        HttpClient http,
        CanvasConnection connection,
        CanvasClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<CanvasClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        _http = http;
        _connection = connection;
        _options = options ?? new CanvasClientOptions();
        if (_options.MaxAttempts < 1 || _options.MaxThrottledAttempts < 1 || _options.PerPage < 1 || _options.MaxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts, MaxThrottledAttempts, PerPage and MaxPages must be at least 1.");
        }
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = CanvasTokenGate.For(connection, _options.MaxConcurrentRequestsPerToken);
        var gate = _gate;
        var time = _time;
        _pipeline = new LmsHttpPipeline(
            $"Canvas at {connection.BaseUrl.Host}",
            new LmsRetryPolicy
            {
                MaxAttempts = _options.MaxAttempts,
                InitialDelay = _options.InitialRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                MaxThrottledAttempts = _options.MaxThrottledAttempts,
                InitialThrottleDelay = _options.InitialThrottleDelay,
            },
            _time,
            _logger,
            isThrottled: async response => IsThrottled(response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false)),
            // Every client of the token waits, not just this request: the bucket is the token's.
            onThrottled: delay => gate.PauseUntil(time.GetUtcNow() + delay));
    }

    /// <summary>The instance this client calls.</summary>
    public Uri BaseUrl => _connection.BaseUrl;

    /// <summary>The throttling headers of the last answer to this token, from any client of it, for a status page.</summary>
    public CanvasRateLimit? LastRateLimit => _gate.LastRateLimit;

    /// <summary>Reads one object.</summary>
    /// <param name="path">The path below the base URL, e.g. <c>api/v1/courses/565</c>.</param>
    /// <param name="query">Query parameters, repeated names allowed (<c>include[]</c>).</param>
    /// <param name="cancellationToken">Cancels the call and any wait.</param>
    /// <exception cref="CanvasApiException">Canvas answered an error.</exception>
    /// <exception cref="CanvasTransportException">No usable answer after the retries.</exception>
    public async Task<T> GetAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query = null, CancellationToken cancellationToken = default)
    {
        var uri = Build(path, query, perPage: false);
        var page = await SendAsync(uri, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(page.Body, Display(uri));
    }

    /// <summary>Reads every page of a list.</summary>
    /// <inheritdoc cref="GetAsync{T}"/>
    public async Task<IReadOnlyList<T>> GetListAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query = null, CancellationToken cancellationToken = default)
    {
        var first = Build(path, query, perPage: true);
        var items = new List<T>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = first;
        while (next is not null)
        {
            if (!visited.Add(next.AbsoluteUri))
            {
                throw new CanvasTransportException(Display(first), $"the Link header led back to a page already read ({Display(next)}).");
            }
            if (visited.Count > _options.MaxPages)
            {
                throw new CanvasTransportException(Display(first), $"the list has more than {_options.MaxPages} pages.");
            }
            var page = await SendAsync(next, cancellationToken).ConfigureAwait(false);
            items.AddRange(Deserialize<List<T>>(page.Body, Display(next)));
            next = page.Links.Next;
            if (next is not null && !SameOrigin(next, _connection.BaseUrl))
            {
                // Sending the bearer token to whatever host a header names would hand it to that host.
                throw new CanvasTransportException(Display(first),
                    $"the next page is on another origin ({next.GetLeftPart(UriPartial.Authority)}); the token is not sent there.");
            }
        }
        return items;
    }

    /// <summary>The courses to sync: an account's published courses when <paramref name="accountId"/> is given
    /// (an admin token), else the token user's active courses.</summary>
    public Task<IReadOnlyList<CanvasCourse>> GetCoursesAsync(long? accountId = null, CancellationToken cancellationToken = default) =>
        accountId is { } account
            ? GetListAsync<CanvasCourse>($"api/v1/accounts/{account}/courses", [new("state[]", "available")], cancellationToken)
            : GetListAsync<CanvasCourse>("api/v1/courses", [new("enrollment_state", "active"), new("state[]", "available")], cancellationToken);

    /// <summary>One course.</summary>
    public Task<CanvasCourse> GetCourseAsync(long courseId, CancellationToken cancellationToken = default) =>
        GetAsync<CanvasCourse>($"api/v1/courses/{courseId}", null, cancellationToken);

    /// <summary>A course's modules with their items and content details; a module sent without items has them read from its own list.</summary>
    public async Task<IReadOnlyList<CanvasModule>> GetModulesAsync(long courseId, CancellationToken cancellationToken = default)
    {
        var modules = await GetListAsync<CanvasModule>(
            $"api/v1/courses/{courseId}/modules",
            [new("include[]", "items"), new("include[]", "content_details")],
            cancellationToken).ConfigureAwait(false);
        var complete = new List<CanvasModule>(modules.Count);
        foreach (var module in modules)
        {
            complete.Add(module.Items is null
                ? module with { Items = await GetModuleItemsAsync(courseId, module.Id, cancellationToken).ConfigureAwait(false) }
                : module);
        }
        return complete;
    }

    /// <summary>One module's items with content details.</summary>
    public Task<IReadOnlyList<CanvasModuleItem>> GetModuleItemsAsync(long courseId, long moduleId, CancellationToken cancellationToken = default) =>
        GetListAsync<CanvasModuleItem>($"api/v1/courses/{courseId}/modules/{moduleId}/items", [new("include[]", "content_details")], cancellationToken);

    /// <summary>A course's assignments (classic quizzes and graded discussions included).</summary>
    public Task<IReadOnlyList<CanvasAssignment>> GetAssignmentsAsync(long courseId, CancellationToken cancellationToken = default) =>
        GetListAsync<CanvasAssignment>($"api/v1/courses/{courseId}/assignments", null, cancellationToken);

    /// <summary>A course's enrollments of the given base types and states.</summary>
    public Task<IReadOnlyList<CanvasEnrollment>> GetEnrollmentsAsync(
        long courseId, IEnumerable<string> types, IEnumerable<string> states, CancellationToken cancellationToken = default) =>
        GetListAsync<CanvasEnrollment>(
            $"api/v1/courses/{courseId}/enrollments",
            [.. types.Select(t => new KeyValuePair<string, string>("type[]", t)), .. states.Select(s => new KeyValuePair<string, string>("state[]", s))],
            cancellationToken);

    /// <summary>
    /// <c>GET /api/v1/courses/:course_id/students/submissions</c> for all students, optionally only those
    /// submitted or graded after a time. Canvas wants the times as exactly <c>YYYY-MM-DDTHH:MM:SSZ</c> and answers
    /// 400 to any other form (LMS-NOTES §6).
    /// </summary>
    public Task<IReadOnlyList<CanvasSubmission>> GetStudentSubmissionsAsync(
        long courseId, DateTimeOffset? submittedSince = null, DateTimeOffset? gradedSince = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> query = [new("student_ids[]", "all")];
        if (submittedSince is { } submitted)
        {
            query.Add(new("submitted_since", CanvasTime(submitted)));
        }
        if (gradedSince is { } graded)
        {
            query.Add(new("graded_since", CanvasTime(graded)));
        }
        return GetListAsync<CanvasSubmission>($"api/v1/courses/{courseId}/students/submissions", query, cancellationToken);
    }

    /// <summary>A time as Canvas's <c>*_since</c> parameters take it.</summary>
    public static string CanvasTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Uri Build(string path, IEnumerable<KeyValuePair<string, string>>? query, bool perPage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        List<KeyValuePair<string, string>> parameters = [.. query ?? []];
        if (perPage && !parameters.Any(p => p.Key == "per_page"))
        {
            parameters.Add(new("per_page", _options.PerPage.ToString(CultureInfo.InvariantCulture)));
        }
        var builder = new StringBuilder(path.TrimStart('/'));
        for (var i = 0; i < parameters.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(parameters[i].Key)).Append('=').Append(Uri.EscapeDataString(parameters[i].Value));
        }
        return new Uri(_connection.BaseUrl, builder.ToString());
    }

    private async Task<(string Body, CanvasLinkHeader Links)> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        var path = Display(uri);
        var outcome = await _pipeline.SendAsync("GET " + path, async ct =>
        {
            await _gate.EnterAsync(_time, ct).ConfigureAwait(false);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.Token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                Observe(response);
                return response;
            }
            finally
            {
                _gate.Exit();
            }
        }, cancellationToken).ConfigureAwait(false);
        using var response = outcome.Response;
        if (response is null)
        {
            throw new CanvasTransportException(path, $"Canvas at {_connection.BaseUrl.Host} failed {outcome.Attempts} times; last: {Redact(outcome.Failure(_http.Timeout))}.");
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var links = response.Headers.TryGetValues("Link", out var values) ? CanvasLinkHeader.Parse(values, uri) : CanvasLinkHeader.Empty;
            return (body, links);
        }
        if (IsThrottled(response.StatusCode, body))
        {
            throw new CanvasTransportException(path, $"Canvas kept throttling the token ({outcome.Attempts} tries; last: HTTP {code} (throttled)).", response.StatusCode);
        }
        if (LmsHttpPipeline.IsTransient(response.StatusCode))
        {
            throw new CanvasTransportException(path,
                $"Canvas at {_connection.BaseUrl.Host} failed {outcome.Attempts} times; last: HTTP {code} {response.ReasonPhrase}.", response.StatusCode);
        }
        throw new CanvasApiException(path, response.StatusCode, Redact(Message(body)));
    }

    // Canvas's old throttling answer is a 403 told apart from a permission 403 only by its text (ucfopen/canvasapi#466).
    private static bool IsThrottled(HttpStatusCode status, string body) =>
        status == HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.Forbidden && body.Contains("Rate Limit Exceeded", StringComparison.OrdinalIgnoreCase));

    private void Observe(HttpResponseMessage response)
    {
        var remaining = Number(response, "X-Rate-Limit-Remaining");
        var cost = Number(response, "X-Request-Cost");
        if (remaining is null && cost is null)
        {
            return;
        }
        var now = _time.GetUtcNow();
        _gate.Observe(new CanvasRateLimit(remaining, cost, now));
        if (remaining is { } left && left < _options.LowQuotaThreshold)
        {
            _gate.PauseUntil(now + _options.LowQuotaPause);
            _logger.LogInformation("Canvas quota of the token at {Host} is low ({Remaining} left); pausing {Pause}",
                _connection.BaseUrl.Host, left, _options.LowQuotaPause);
        }
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private T Deserialize<T>(string body, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, CanvasJson.Options)
                ?? throw new CanvasTransportException(path, "Canvas answered null.");
        }
        catch (JsonException ex)
        {
            throw new CanvasTransportException(path, $"the answer does not have the documented shape ({Redact(ex.Message)})");
        }
    }

    // Canvas's error bodies: {"errors":[{"message":…}]}, {"errors":{"field":"…"}}, {"error":"…"}, {"message":"…"},
    // or plain text such as "403 Forbidden (Rate Limit Exceeded)" (LMS-NOTES §6).
    private static string? Message(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errors", out var errors))
                {
                    if (errors.ValueKind == JsonValueKind.Array)
                    {
                        var messages = errors.EnumerateArray()
                            .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                                : e.ValueKind == JsonValueKind.String ? e.GetString() : null)
                            .Where(m => !string.IsNullOrEmpty(m));
                        return Shorten(string.Join("; ", messages));
                    }
                    if (errors.ValueKind == JsonValueKind.Object)
                    {
                        return Shorten(string.Join("; ", errors.EnumerateObject().Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")));
                    }
                }
                foreach (var name in (string[])["error", "message"])
                {
                    if (root.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(text.GetString());
                    }
                }
            }
            return Shorten(root.GetRawText());
        }
        catch (JsonException)
        {
            return Shorten(body.Trim());
        }
    }

    private static string? Shorten(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";

    private string? Redact(string? text) => text?.Replace(_connection.Token, "[token]", StringComparison.Ordinal);

    private string Display(Uri uri) => Redact(uri.PathAndQuery)!;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
