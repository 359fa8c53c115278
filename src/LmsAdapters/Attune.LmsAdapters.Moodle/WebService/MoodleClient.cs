using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.LmsAdapters.Moodle;

/// <summary>
/// Calls one Moodle site's web services through the REST protocol: a form-encoded POST to
/// <c>{site}/webservice/rest/server.php</c> with <c>wstoken</c>, <c>wsfunction</c> and
/// <c>moodlewsrestformat=json</c> (the default format is XML; LMS-NOTES §1a).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Moodle reports errors with HTTP 200 and <c>{exception, errorcode, message}</c>: they become
/// <see cref="MoodleException"/>. Successful replies may be objects or bare arrays; an object's
/// <c>warnings[]</c> comes back in <see cref="MoodleReply{T}.Warnings"/>.</item>
/// <item>Network failures, time-outs and HTTP 408/429/5xx are retried through the shared <see cref="LmsHttpPipeline"/>
/// (exponential back-off with jitter, <c>Retry-After</c>, <see cref="MoodleClientOptions"/>), waiting on the given
/// <see cref="TimeProvider"/> and honouring cancellation; what still fails becomes <see cref="MoodleTransportException"/>.</item>
/// <item>The token travels only in the POST body, never in a URL, log line or exception message; any text
/// Moodle sends back is scrubbed of it before it is surfaced.</item>
/// </list>
/// All calls read; none changes the site, so retrying a POST is safe.
/// </remarks>
public sealed class MoodleClient
{
    private readonly HttpClient _http;
    private readonly MoodleConnection _connection;
    private readonly LmsHttpPipeline _pipeline;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The HTTP client (from <c>IHttpClientFactory</c> in a host); its timeout bounds one try.</param>
    /// <param name="connection">The site and token.</param>
    /// <param name="options">Retry settings; defaults when <c>null</c>.</param>
    /// <param name="timeProvider">The clock retries wait on; the system clock when <c>null</c>.</param>
    /// <param name="logger">Where retries are logged (never with the token).</param>
    public MoodleClient(
        HttpClient http,
        MoodleConnection connection,
        MoodleClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<MoodleClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        _http = http;
        _connection = connection;
        var retry = options ?? new MoodleClientOptions();
        if (retry.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }
        _pipeline = new LmsHttpPipeline(
            $"Moodle at {connection.SiteUrl.Host}",
            new LmsRetryPolicy { MaxAttempts = retry.MaxAttempts, InitialDelay = retry.InitialRetryDelay, MaxDelay = retry.MaxRetryDelay },
            timeProvider ?? TimeProvider.System,
            (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The site this client calls.</summary>
    public Uri SiteUrl => _connection.SiteUrl;

    /// <summary>Calls any function and deserialises its reply into <typeparamref name="T"/>.</summary>
    /// <exception cref="MoodleException">Moodle answered with its error envelope.</exception>
    /// <exception cref="MoodleTransportException">No usable answer after the retries.</exception>
    public async Task<MoodleReply<T>> CallAsync<T>(string function, MoodleRequestForm? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        using var document = await SendAsync(function, arguments, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        try
        {
            IReadOnlyList<MoodleWarning> warnings = [];
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("warnings", out var warningsElement)
                && warningsElement.ValueKind == JsonValueKind.Array)
            {
                warnings = warningsElement.Deserialize<List<MoodleWarning>>(MoodleJson.Options) ?? [];
            }
            var value = root.Deserialize<T>(MoodleJson.Options)
                ?? throw new MoodleTransportException(function, "Moodle answered null.");
            return new MoodleReply<T>(value, warnings);
        }
        catch (JsonException ex)
        {
            throw new MoodleTransportException(function, $"the reply does not have the documented shape ({Redact(ex.Message)})", innerException: null);
        }
    }

    /// <summary><c>core_webservice_get_site_info</c>.</summary>
    public async Task<MoodleSiteInfo> GetSiteInfoAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync<MoodleSiteInfo>(MoodleFunctions.GetSiteInfo, null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Reads the site info and reports what Attune can do with this token.</summary>
    public async Task<MoodleSiteCheck> CheckSiteAsync(CancellationToken cancellationToken = default) =>
        MoodleSiteCheck.From(await GetSiteInfoAsync(cancellationToken).ConfigureAwait(false));

    /// <summary><c>core_course_get_courses</c>: the given courses, or all (with the front page) when none are given.</summary>
    public Task<MoodleReply<IReadOnlyList<MoodleCourse>>> GetCoursesAsync(IReadOnlyCollection<long>? courseIds = null, CancellationToken cancellationToken = default)
    {
        var form = new MoodleRequestForm();
        if (courseIds is { Count: > 0 })
        {
            form.AddList("options[ids]", courseIds);
        }
        return CallAsync<IReadOnlyList<MoodleCourse>>(MoodleFunctions.GetCourses, form, cancellationToken);
    }

    /// <summary><c>core_course_get_contents</c>: sections and modules, without file lists (Attune does not need them).</summary>
    public Task<MoodleReply<IReadOnlyList<MoodleCourseSection>>> GetCourseContentsAsync(long courseId, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<MoodleCourseSection>>(
            MoodleFunctions.GetCourseContents,
            new MoodleRequestForm().Add("courseid", courseId).AddOptions("options", [new("excludecontents", "1")]),
            cancellationToken);

    /// <summary><c>core_enrol_get_enrolled_users</c>, one page (<paramref name="limitFrom"/>, <paramref name="limitNumber"/>) of active users.</summary>
    public Task<MoodleReply<IReadOnlyList<MoodleEnrolledUser>>> GetEnrolledUsersAsync(
        long courseId, int limitFrom, int limitNumber, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<MoodleEnrolledUser>>(
            MoodleFunctions.GetEnrolledUsers,
            new MoodleRequestForm().Add("courseid", courseId).AddOptions("options",
            [
                new("onlyactive", "1"),
                new("userfields", "id,username,fullname,email,idnumber,lastcourseaccess,roles"),
                new("limitfrom", limitFrom.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("limitnumber", limitNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
            cancellationToken);

    /// <summary><c>core_completion_get_activities_completion_status</c> for one user.</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleActivityCompletion>>> GetActivitiesCompletionAsync(
        long courseId, long userId, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<MoodleActivitiesCompletionReply>(
            MoodleFunctions.GetActivitiesCompletionStatus,
            new MoodleRequestForm().Add("courseid", courseId).Add("userid", userId),
            cancellationToken).ConfigureAwait(false);
        return new(reply.Value.Statuses, reply.Warnings);
    }

    /// <summary><c>gradereport_user_get_grade_items</c> for every user of a course (<paramref name="userId"/> 0) or one.</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleUserGrades>>> GetGradeItemsAsync(
        long courseId, long userId = 0, CancellationToken cancellationToken = default)
    {
        var form = new MoodleRequestForm().Add("courseid", courseId);
        if (userId != 0)
        {
            form.Add("userid", userId);
        }
        var reply = await CallAsync<MoodleGradeItemsReply>(MoodleFunctions.GetGradeItems, form, cancellationToken).ConfigureAwait(false);
        return new(reply.Value.UserGrades, reply.Warnings);
    }

    /// <summary><c>core_course_get_updates_since</c>: what the token user can see changed since <paramref name="since"/> (Unix seconds).</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleCourseUpdates>>> GetCourseUpdatesSinceAsync(
        long courseId, long since, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<MoodleCourseUpdatesReply>(
            MoodleFunctions.GetCourseUpdatesSince,
            new MoodleRequestForm().Add("courseid", courseId).Add("since", since),
            cancellationToken).ConfigureAwait(false);
        return new(reply.Value.Instances, reply.Warnings);
    }

    /// <summary><c>mod_assign_get_submissions</c>: submissions of the given assignments modified since <paramref name="since"/> (Unix seconds).</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleAssignmentSubmissions>>> GetAssignmentSubmissionsAsync(
        IReadOnlyCollection<long> assignmentIds, long since, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<MoodleAssignmentSubmissionsReply>(
            MoodleFunctions.GetAssignmentSubmissions,
            new MoodleRequestForm().AddList("assignmentids", assignmentIds).Add("status", string.Empty).Add("since", since).Add("before", 0),
            cancellationToken).ConfigureAwait(false);
        return new(reply.Value.Assignments, reply.Warnings);
    }

    /// <summary><c>mod_quiz_get_quizzes_by_courses</c>.</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleQuiz>>> GetQuizzesAsync(
        IReadOnlyCollection<long> courseIds, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<MoodleQuizzesReply>(
            MoodleFunctions.GetQuizzesByCourses,
            new MoodleRequestForm().AddList("courseids", courseIds),
            cancellationToken).ConfigureAwait(false);
        return new(reply.Value.Quizzes, reply.Warnings);
    }

    /// <summary>One user's attempts at a quiz, previews excluded, through <paramref name="function"/>
    /// (<see cref="MoodleFunctions.GetUserQuizAttempts"/> on Moodle 5.0+, else <see cref="MoodleFunctions.GetUserAttempts"/>).</summary>
    public async Task<MoodleReply<IReadOnlyList<MoodleQuizAttempt>>> GetQuizAttemptsAsync(
        long quizId, long userId, string function = MoodleFunctions.GetUserAttempts, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync<MoodleQuizAttemptsReply>(
            function,
            new MoodleRequestForm().Add("quizid", quizId).Add("userid", userId).Add("status", "all").Add("includepreviews", false),
            cancellationToken).ConfigureAwait(false);
        return new(reply.Value.Attempts, reply.Warnings);
    }

    private async Task<JsonDocument> SendAsync(string function, MoodleRequestForm? arguments, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("wstoken", _connection.Token),
            new("wsfunction", function),
            new("moodlewsrestformat", "json"),
            .. arguments ?? [],
        ];
        var endpoint = _connection.Endpoint;
        var outcome = await _pipeline.SendAsync(function, async ct =>
        {
            using var content = new FormUrlEncodedContent(fields);
            var response = await _http.PostAsync(endpoint, content, ct).ConfigureAwait(false);
            // Buffered inside the try, so a time-out while reading the body is retried like one while waiting.
            await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
            return response;
        }, cancellationToken).ConfigureAwait(false);
        using var response = outcome.Response;
        if (response is null || LmsHttpPipeline.IsTransient(response.StatusCode) || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new MoodleTransportException(function,
                $"Moodle at {_connection.SiteUrl.Host} failed {outcome.Attempts} times; last: {outcome.Failure(_http.Timeout)}.", response?.StatusCode);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new MoodleTransportException(function, $"Moodle answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Parse(function, body, response);
    }

    private JsonDocument Parse(string function, byte[] body, HttpResponseMessage response)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            // Older server.php exits with an empty body when web services are off (LMS-NOTES §6).
            throw new MoodleTransportException(function,
                "Moodle answered with an empty body: web services or the REST protocol may be disabled on the site.", response.StatusCode);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "an unknown content type";
            var finalUri = response.RequestMessage?.RequestUri;
            // A request whose host differs from the site's wwwroot gets a 303 to an HTML page (moodle-4.5/README.md).
            var redirected = finalUri is not null && !string.Equals(finalUri.Authority, _connection.Endpoint.Authority, StringComparison.OrdinalIgnoreCase);
            throw new MoodleTransportException(function, redirected
                ? $"Moodle redirected to {finalUri!.GetLeftPart(UriPartial.Authority)} and answered {mediaType}, not JSON: the configured site URL is probably not the site's own address."
                : $"Moodle answered {mediaType}, not JSON.", response.StatusCode);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("errorcode", out var errorCode) && errorCode.ValueKind == JsonValueKind.String
            && (root.TryGetProperty("exception", out _) || root.TryGetProperty("message", out _) || root.TryGetProperty("error", out _)))
        {
            using (document)
            {
                throw new MoodleException(
                    function,
                    errorCode.GetString()!,
                    Text(root, "exception"),
                    Redact(Text(root, "message") ?? Text(root, "error")),
                    Redact(Text(root, "debuginfo")));
            }
        }
        return document;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string? Redact(string? text) =>
        text?.Replace(_connection.Token, "[token]", StringComparison.Ordinal);

}
