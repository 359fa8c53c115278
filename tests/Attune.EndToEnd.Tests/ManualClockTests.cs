using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>With <c>Attune:Clock:Manual</c>, an admin moves Attune's "now" forward and ingestion and plans follow it.</summary>
public sealed class ManualClockTests(ManualClockSiloFixture fixture) : IClassFixture<ManualClockSiloFixture>
{
    private static int _steps;

    [Fact]
    public async Task TheClockMovesForwardButNeverBack()
    {
        var later = Later();
        using var forward = await MoveAsync(later);
        var moved = JsonDocument.Parse(await ResponseAssert.StatusAsync(forward, HttpStatusCode.OK, fixture.Silo)).RootElement;
        Assert.Equal(later, moved.GetProperty("now").GetDateTimeOffset());

        using var back = await MoveAsync(later.AddDays(-1));

        var problem = JsonDocument.Parse(await ResponseAssert.StatusAsync(back, HttpStatusCode.BadRequest, fixture.Silo)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("now", out _), problem.ToString());
        Assert.Contains("Attune:Clock:Manual is on", fixture.Silo.Output);
    }

    [Fact]
    public async Task EventsAndTodaysBudgetFollowTheManualClock()
    {
        var day = Later();
        using (var moved = await MoveAsync(day))
        {
            await ResponseAssert.StatusAsync(moved, HttpStatusCode.OK, fixture.Silo);
        }
        var learner = "clock-" + Guid.NewGuid().ToString("n")[..8];
        var course = "course-" + Guid.NewGuid().ToString("n")[..8];
        await fixture.UniClient.PutCatalogOkAsync(course, new { items = new[] { new { id = "a", estimatedMinutes = 5 } } });
        using (var profile = await fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/learners/{learner}/profile", JsonContent.Create(new { minutesPerDay = 30 })))
        {
            await ResponseAssert.StatusAsync(profile, HttpStatusCode.OK, fixture.Silo);
        }

        // Years ahead of the machine's clock: only a parser on the manual clock accepts it.
        await fixture.UniClient.PostEventsOkAsync([new TestEvent($"{learner}-1", learner, "warm-up", "completed", day.AddMinutes(-30), course, DurationSeconds: 1200)]);
        var plan = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}");

        Assert.Equal(1, (await fixture.UniClient.GetLearnerOkAsync(learner)).EventsApplied);
        Assert.Equal(10, plan.BudgetMinutes); // 30 a day less the 20 spent on the manual clock's today
    }

    /// <summary>A time after every time a test of this class moved the clock to, whatever order they run in.</summary>
    private static DateTimeOffset Later() => ManualClockSiloFixture.Start.AddDays(30 * Interlocked.Increment(ref _steps));

    private Task<HttpResponseMessage> MoveAsync(DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/clock") { Content = JsonContent.Create(new { now }) };
        request.Headers.Authorization = AdminClient.Basic("admin", ManualClockSiloFixture.AdminPassword);
        return fixture.Silo.Http.SendAsync(request);
    }
}
