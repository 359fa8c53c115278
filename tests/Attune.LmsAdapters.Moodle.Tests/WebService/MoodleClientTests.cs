using System.Net;
using System.Net.Sockets;

namespace Attune.LmsAdapters.Moodle.Tests;

public sealed class MoodleClientTests : IAsyncLifetime
{
    private FakeMoodle _moodle = null!;

    public async Task InitializeAsync() => _moodle = await FakeMoodle.StartAsync();

    public async Task DisposeAsync() => await _moodle.DisposeAsync();

    [Fact]
    public async Task SiteCheckReportsTheSiteTheUserTheReleaseAndTheFunctionsTheTokenLacks()
    {
        var check = await _moodle.Client().CheckSiteAsync();

        Assert.Equal("Real Moodle test", check.SiteName);
        Assert.Equal("http://127.0.0.1:8088", check.SiteUrl);
        Assert.Equal("4.5.6 (Build: 20250811)", check.Release);
        Assert.Equal("wsclient", check.UserName);
        Assert.Equal("WS Client", check.UserFullName);
        Assert.Equal(6, check.UserId);
        Assert.False(check.UserIsSiteAdmin);
        // The captured token's service holds exactly the six required functions and none of the optional ones.
        Assert.True(check.CanSync);
        Assert.Empty(check.MissingRequiredFunctions);
        Assert.Equal(MoodleFunctions.Optional, check.MissingOptionalFunctions);
        var call = Assert.Single(_moodle.Requests);
        Assert.Equal(MoodleFunctions.GetSiteInfo, call.Function);
        Assert.Equal(FakeMoodle.Token, call["wstoken"]);
        Assert.Equal("json", call["moodlewsrestformat"]);
    }

    [Fact]
    public async Task SiteCheckNamesARequiredFunctionMissingFromTheService()
    {
        _moodle.RemoveFunction(MoodleFunctions.GetGradeItems);

        var check = await _moodle.Client().CheckSiteAsync();

        Assert.False(check.CanSync);
        Assert.Equal([MoodleFunctions.GetGradeItems], check.MissingRequiredFunctions);
    }

    [Fact]
    public async Task InvalidTokenAnsweredWithHttp200BecomesAMoodleExceptionWithItsErrorCode()
    {
        var client = _moodle.Client(token: "not-the-token");

        var error = await Assert.ThrowsAsync<MoodleException>(() => client.CheckSiteAsync());

        Assert.Equal("invalidtoken", error.ErrorCode);
        Assert.Equal("moodle_exception", error.ExceptionClass);
        Assert.Equal(MoodleFunctions.GetSiteInfo, error.Function);
        Assert.True(error.IsConnectionError);
        Assert.Single(_moodle.Requests); // an answer, not a failure: never retried
    }

    [Fact]
    public async Task AFunctionOutsideTheTokensServiceBecomesAnAccessException()
    {
        var error = await Assert.ThrowsAsync<MoodleException>(() => _moodle.Client().GetQuizzesAsync([2]));

        Assert.Equal("accessexception", error.ErrorCode);
        Assert.False(error.IsConnectionError);
    }

    [Fact]
    public async Task TheTokenNeverAppearsInExceptionText()
    {
        // A debugging site may echo request parameters back in debuginfo.
        _moodle.On(MoodleFunctions.GetCourses, _ => FakeReply.Error(
            "invalid_parameter_exception", "invalidparameter", $"Invalid parameter value detected (wstoken={FakeMoodle.Token})",
            debugInfo: $"token {FakeMoodle.Token} options[ids] invalid"));
        _moodle.On(MoodleFunctions.GetCourseContents, _ => new FakeReply(503, "down"));
        var client = _moodle.Client();
        var connection = new MoodleConnection(_moodle.SiteUrl, FakeMoodle.Token);

        var refused = await Assert.ThrowsAsync<MoodleException>(() => client.GetCoursesAsync());
        var unavailable = await Assert.ThrowsAsync<MoodleTransportException>(() => client.GetCourseContentsAsync(2));
        var unreachable = await Assert.ThrowsAsync<MoodleTransportException>(() =>
            new MoodleClient(new HttpClient(), new MoodleConnection(new Uri($"http://127.0.0.1:{ClosedPort()}/"), FakeMoodle.Token),
                new MoodleClientOptions { MaxAttempts = 2, InitialRetryDelay = TimeSpan.FromMilliseconds(1) }).CheckSiteAsync());

        Assert.Equal("invalidparameter", refused.ErrorCode);
        foreach (var text in new[]
        {
            refused.ToString(), refused.MoodleMessage, refused.DebugInfo, unavailable.ToString(), unreachable.ToString(), connection.ToString(),
        })
        {
            Assert.DoesNotContain(FakeMoodle.Token, text);
        }
        Assert.Contains("[token]", refused.Message);
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedUntilMoodleAnswers()
    {
        var failures = 2;
        _moodle.On(MoodleFunctions.GetCourses, _ => Interlocked.Decrement(ref failures) >= 0 ? new FakeReply(503, "Service Unavailable", "text/plain") : null);

        var courses = await _moodle.Client().GetCoursesAsync();

        Assert.Equal([1L, 2L], courses.Value.Select(c => c.Id));
        Assert.Equal(3, _moodle.CallsOf(MoodleFunctions.GetCourses).Count());
    }

    [Fact]
    public async Task RetriesAreBoundedAndEndInATransportErrorWithTheLastStatus()
    {
        _moodle.On(MoodleFunctions.GetCourses, _ => new FakeReply(502, "Bad Gateway", "text/plain"));
        var client = _moodle.Client(options: new MoodleClientOptions { MaxAttempts = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<MoodleTransportException>(() => client.GetCoursesAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, _moodle.CallsOf(MoodleFunctions.GetCourses).Count());
    }

    [Fact]
    public async Task AnHttpClientErrorIsNotRetried()
    {
        _moodle.On(MoodleFunctions.GetCourses, _ => new FakeReply(403, "Forbidden", "text/plain"));

        var error = await Assert.ThrowsAsync<MoodleTransportException>(() => _moodle.Client().GetCoursesAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Single(_moodle.CallsOf(MoodleFunctions.GetCourses));
    }

    [Fact]
    public async Task CancellationStopsTheWaitBetweenRetries()
    {
        using var cancel = new CancellationTokenSource();
        // Cancel shortly after the first 503 has been answered, i.e. while the client waits its minute to retry.
        _moodle.On(MoodleFunctions.GetCourses, _ =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            return new FakeReply(503, "down", "text/plain");
        });
        var client = _moodle.Client(options: new MoodleClientOptions { MaxAttempts = 5, InitialRetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(1) });
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetCoursesAsync(cancellationToken: cancel.Token));

        Assert.Single(_moodle.CallsOf(MoodleFunctions.GetCourses));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ListsAndOptionsAreFormEncodedWithIndexedBrackets()
    {
        _moodle.AddFunction(MoodleFunctions.GetQuizzesByCourses);
        _moodle.On(MoodleFunctions.GetQuizzesByCourses, _ => FakeReply.Json(LmsFixtures.ReadDocumentedShape("mod_quiz_get_quizzes_by_courses.json")));
        var client = _moodle.Client();

        await client.GetQuizzesAsync([2, 3]);
        await client.GetEnrolledUsersAsync(2, 0, 50);
        await client.GetCoursesAsync([2]);

        var quizzes = _moodle.CallsOf(MoodleFunctions.GetQuizzesByCourses).Single();
        Assert.Equal("2", quizzes["courseids[0]"]);
        Assert.Equal("3", quizzes["courseids[1]"]);
        var users = _moodle.CallsOf(MoodleFunctions.GetEnrolledUsers).Single();
        Assert.Equal("2", users["courseid"]);
        Assert.Equal("onlyactive", users["options[0][name]"]);
        Assert.Equal("1", users["options[0][value]"]);
        Assert.Equal("limitnumber", users["options[3][name]"]);
        Assert.Equal("50", users["options[3][value]"]);
        Assert.Equal("2", _moodle.CallsOf(MoodleFunctions.GetCourses).Single()["options[ids][0]"]);
    }

    [Fact]
    public async Task BareArrayRepliesAndObjectRepliesAreBothRead()
    {
        var client = _moodle.Client();

        var contents = await client.GetCourseContentsAsync(2);
        var completion = await client.GetActivitiesCompletionAsync(2, 3);

        Assert.Equal(6, contents.Value.Count);
        Assert.Equal(["page", "url", "assign"], contents.Value[0].Modules.Select(m => m.ModName));
        Assert.True(contents.Value[0].Modules[0].Visible); // sent as 1
        Assert.Empty(contents.Warnings);
        Assert.Equal([1L, 2L, 3L], completion.Value.Select(s => s.CmId));
        Assert.Empty(completion.Warnings);
    }

    [Fact]
    public async Task AnEmptyBodyIsReportedAsWebServicesBeingOff()
    {
        _moodle.On(MoodleFunctions.GetSiteInfo, _ => new FakeReply(200, string.Empty, "text/html"));

        var error = await Assert.ThrowsAsync<MoodleTransportException>(() => _moodle.Client().CheckSiteAsync());

        Assert.Contains("web services", error.Message);
    }

    [Fact]
    public async Task AnHtmlPageIsReportedAsNotJson()
    {
        _moodle.On(MoodleFunctions.GetSiteInfo, _ => new FakeReply(200, "<!DOCTYPE html><html><body>Moodle</body></html>", "text/html"));

        var error = await Assert.ThrowsAsync<MoodleTransportException>(() => _moodle.Client().CheckSiteAsync());

        Assert.Contains("text/html", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
