using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace Attune.LmsAdapters.Canvas.Tests;

public sealed class CanvasClientTests : IAsyncLifetime
{
    private FakeCanvas _canvas = null!;

    public async Task InitializeAsync() => _canvas = await FakeCanvas.StartAsync();

    public async Task DisposeAsync() => await _canvas.DisposeAsync();

    [Fact]
    public async Task AListFollowsTheLowerCaseLinkHeaderAcrossPagesWithoutALastLink()
    {
        var enrollments = await _canvas.Client().GetEnrollmentsAsync(565, ["StudentEnrollment", "TeacherEnrollment"], ["active", "completed"]);

        Assert.Equal([48L, 14012L, 987L, 61L], enrollments.Select(e => e.UserId));
        var calls = _canvas.CallsTo("api/v1/courses/565/enrollments").ToList();
        Assert.Equal(2, calls.Count); // two items per page: the fake caps per_page whatever is asked
        Assert.Equal(["1", "2"], calls.Select(c => c["page"] ?? "1"));
        Assert.All(calls, c => Assert.Equal(["StudentEnrollment", "TeacherEnrollment"], c.All("type[]")));
        Assert.All(calls, c => Assert.Equal("Bearer " + FakeCanvas.Token, c.Authorization));
    }

    [Fact]
    public async Task TheFirstRequestAsksForTheLargestPageCanvasServes()
    {
        await _canvas.Client().GetAssignmentsAsync(565);

        Assert.Equal("100", _canvas.CallsTo("api/v1/courses/565/assignments").First()["per_page"]);
    }

    [Fact]
    public async Task AModuleListedWithoutItemsHasThemReadFromItsOwnList()
    {
        var modules = await _canvas.Client().GetModulesAsync(565);

        Assert.Equal(["Lab report", "Introduce yourself"], modules.Single(m => m.Id == 2).Items!.Select(i => i.Title));
        Assert.Single(_canvas.CallsTo("api/v1/courses/565/modules/2/items"));
        Assert.Empty(_canvas.CallsTo("api/v1/courses/565/modules/1/items"));
        var modulesCall = _canvas.CallsTo("api/v1/courses/565/modules").First();
        Assert.Equal(["items", "content_details"], modulesCall.All("include[]"));
    }

    [Fact]
    public async Task A429IsRetriedAfterTheWaitCanvasAsksFor()
    {
        var throttled = 1;
        _canvas.On("api/v1/courses/565/assignments", _ => Interlocked.Decrement(ref throttled) >= 0 ? FakeReply.TooManyRequests(retryAfterSeconds: 0) : null);

        var assignments = await _canvas.Client().GetAssignmentsAsync(565);

        Assert.Equal(5, assignments.Count);
        Assert.Equal(4, _canvas.CallsTo("api/v1/courses/565/assignments").Count()); // the throttled try, then three pages
    }

    [Fact]
    public async Task AForbiddenRateLimitExceededIsRetriedLikeA429()
    {
        var throttled = 2;
        _canvas.On("api/v1/courses/565", _ => Interlocked.Decrement(ref throttled) >= 0 ? FakeReply.RateLimitExceeded() : null);

        var course = await _canvas.Client().GetCourseAsync(565);

        Assert.Equal("Algebra I", course.Name);
        Assert.Equal(3, _canvas.CallsTo("api/v1/courses/565").Count());
    }

    [Fact]
    public async Task APermissionForbiddenFailsAtOnceWithoutARetry()
    {
        _canvas.On("api/v1/courses/565/enrollments", _ => FakeReply.Unauthorized());

        var error = await Assert.ThrowsAsync<CanvasApiException>(() => _canvas.Client().GetEnrollmentsAsync(565, ["StudentEnrollment"], ["active"]));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("user not authorized to perform that action", error.CanvasMessage);
        Assert.False(error.IsAuthenticationError);
        Assert.StartsWith("api/v1/courses/565/enrollments?", error.Path.TrimStart('/'));
        Assert.Single(_canvas.CallsTo("api/v1/courses/565/enrollments"));
    }

    [Fact]
    public async Task ThrottlingThatNeverEndsStopsAfterTheAllowedTries()
    {
        _canvas.On("api/v1/courses/565", _ => FakeReply.TooManyRequests());
        var client = _canvas.Client(options: FakeCanvas.FastRetries with { MaxThrottledAttempts = 3 });

        var error = await Assert.ThrowsAsync<CanvasTransportException>(() => client.GetCourseAsync(565));

        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        Assert.Contains("kept throttling", error.Message);
        Assert.Equal(3, _canvas.CallsTo("api/v1/courses/565").Count());
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedUntilCanvasAnswers()
    {
        var failures = 2;
        _canvas.On("api/v1/courses/565", _ => Interlocked.Decrement(ref failures) >= 0 ? new FakeReply(503, "Service Unavailable", "text/plain") : null);

        var course = await _canvas.Client().GetCourseAsync(565);

        Assert.Equal(565, course.Id);
        Assert.Equal(3, _canvas.CallsTo("api/v1/courses/565").Count());
    }

    [Fact]
    public async Task RetriesAreBoundedAndEndInATransportErrorWithTheLastStatus()
    {
        _canvas.On("api/v1/courses/565", _ => new FakeReply(502, "Bad Gateway", "text/plain"));
        var client = _canvas.Client(options: FakeCanvas.FastRetries with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<CanvasTransportException>(() => client.GetCourseAsync(565));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, _canvas.CallsTo("api/v1/courses/565").Count());
    }

    [Fact]
    public async Task TheBackOffWaitsOnTheInjectedClock()
    {
        var failures = 1;
        _canvas.On("api/v1/courses/565", _ => Interlocked.Decrement(ref failures) >= 0 ? new FakeReply(503, "down", "text/plain") : null);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var client = _canvas.Client(options: new CanvasClientOptions { InitialRetryDelay = TimeSpan.FromMinutes(2) }, time: clock);

        var call = client.GetCourseAsync(565);
        await WaitUntil(() => _canvas.CallsTo("api/v1/courses/565").Any());
        await Task.Delay(200);

        Assert.False(call.IsCompleted); // waiting for the clock, not for the wall
        Assert.Single(_canvas.CallsTo("api/v1/courses/565"));
        // Equal jitter puts the wait between one and two minutes; advancing in steps also covers a timer set late.
        for (var i = 0; i < 100 && !call.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            await Task.Delay(20);
        }
        Assert.Equal(565, (await call.WaitAsync(TimeSpan.FromSeconds(10))).Id);
        Assert.Equal(2, _canvas.CallsTo("api/v1/courses/565").Count());
    }

    [Fact]
    public async Task ALowQuotaMakesTheNextRequestOfTheTokenWaitAndIsReported()
    {
        _canvas.RateLimitRemaining = 42.5;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var client = _canvas.Client(options: new CanvasClientOptions { LowQuotaThreshold = 100, LowQuotaPause = TimeSpan.FromSeconds(30) }, time: clock);

        await client.GetCourseAsync(565);
        var second = client.GetCourseAsync(100123);
        await Task.Delay(200);

        Assert.False(second.IsCompleted);
        Assert.Equal(new CanvasRateLimit(42.5, 1.5, clock.GetUtcNow()), client.LastRateLimit);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(100123, (await second.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task NoMoreThanTwoRequestsOfATokenAreInFlightAcrossAllItsClients()
    {
        const string Other = "8~anotherTokenOfAnotherConnection";
        _canvas.Latency = TimeSpan.FromMilliseconds(40);
        var clients = Enumerable.Range(0, 3).Select(_ => _canvas.Client()).ToList();
        // A second token at the same instance has its own gate; the fake refuses it, which is answer enough here.
        var other = _canvas.Client(token: Other);

        var calls = clients.SelectMany(c => Enumerable.Range(0, 4).Select(_ => c.GetCourseAsync(565))).ToList();
        var others = Enumerable.Range(0, 4).Select(_ => Assert.ThrowsAsync<CanvasApiException>(() => other.GetCourseAsync(565))).ToList();
        await Task.WhenAll(calls);
        await Task.WhenAll(others);

        Assert.Equal(2, _canvas.MaxInFlight(FakeCanvas.Token));
        Assert.Equal(2, _canvas.MaxInFlight(Other));
        Assert.Equal(16, _canvas.Requests.Count);
    }

    [Fact]
    public async Task SinceTimesAreSentInTheOneFormatCanvasAccepts()
    {
        var since = new DateTimeOffset(2019, 11, 1, 20, 11, 20, 999, TimeSpan.FromHours(1));

        var submissions = await _canvas.Client().GetStudentSubmissionsAsync(565, submittedSince: since);

        Assert.Equal("2019-11-01T19:11:20Z", _canvas.CallsTo("api/v1/courses/565/students/submissions").First()["submitted_since"]);
        Assert.Equal([12345567L, 11090L, 11093L], submissions.Select(s => s.Id));
        Assert.Equal(["all"], _canvas.CallsTo("api/v1/courses/565/students/submissions").First().All("student_ids[]"));
    }

    [Fact]
    public async Task ARefusedTokenIsAnAuthenticationError()
    {
        var error = await Assert.ThrowsAsync<CanvasApiException>(() => _canvas.Client(token: "1~wrong").GetCourseAsync(565));

        Assert.True(error.IsAuthenticationError);
        Assert.Equal("Invalid access token.", error.CanvasMessage);
        Assert.Single(_canvas.Requests);
    }

    [Fact]
    public async Task ANextLinkToAnotherOriginIsNotSentTheToken()
    {
        _canvas.On("api/v1/courses/565/assignments", _ => new FakeReply(200, "[]", Headers: new Dictionary<string, string>
        {
            ["Link"] = "<https://attacker.example/steal?page=2>; rel=\"next\"",
        }));

        var error = await Assert.ThrowsAsync<CanvasTransportException>(() => _canvas.Client().GetAssignmentsAsync(565));

        Assert.Contains("another origin (https://attacker.example)", error.Message);
    }

    [Fact]
    public async Task TheTokenNeverAppearsInErrorsOrLogs()
    {
        // Canvas could echo a request back; a debugging proxy might too.
        _canvas.On("api/v1/courses/565/enrollments", _ => FakeReply.Unauthorized($" (token {FakeCanvas.Token})"));
        _canvas.On("api/v1/courses/565/assignments", _ => new FakeReply(500, $"boom {FakeCanvas.Token}", "text/plain"));
        var logger = new CapturingLogger<CanvasClient>();
        var client = _canvas.Client(logger: logger);
        var unreachable = new CanvasClient(new HttpClient(), new CanvasConnection(new Uri($"http://127.0.0.1:{ClosedPort()}/"), FakeCanvas.Token),
            FakeCanvas.FastRetries with { MaxAttempts = 2 }, logger: logger);

        var forbidden = await Assert.ThrowsAsync<CanvasApiException>(() => client.GetEnrollmentsAsync(565, ["StudentEnrollment"], ["active"]));
        var failing = await Assert.ThrowsAsync<CanvasTransportException>(() => client.GetAssignmentsAsync(565));
        var down = await Assert.ThrowsAsync<CanvasTransportException>(() => unreachable.GetCourseAsync(565));
        var refused = await Assert.ThrowsAsync<CanvasApiException>(() => _canvas.Client(token: FakeCanvas.Token + "x").GetCourseAsync(565));

        Assert.Contains("[token]", forbidden.CanvasMessage);
        Assert.NotEmpty(logger.Lines);
        foreach (var text in new[] { forbidden.ToString(), failing.ToString(), down.ToString(), refused.ToString(), new CanvasConnection(_canvas.BaseUrl, FakeCanvas.Token).ToString() }
            .Concat(logger.Lines))
        {
            Assert.DoesNotContain(FakeCanvas.Token, text);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
        Assert.True(condition());
    }
}
