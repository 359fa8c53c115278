using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>A learner says how many minutes a day they have; plans spend what is left of today.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class ProfileTests(SiloFixture fixture)
{
    [Fact]
    public async Task RecommendationsFitWhatIsLeftOfTheLearnersDailyMinutes()
    {
        var learner = "profile-" + Guid.NewGuid().ToString("n")[..8];
        var course = "course-" + Guid.NewGuid().ToString("n")[..8];
        await fixture.UniClient.PutCatalogOkAsync(course, new
        {
            items = new[] { ("a", 5), ("b", 8), ("c", 12), ("d", 3) }.Select(i => new { id = i.Item1, estimatedMinutes = i.Item2 }),
        });
        // 20 minutes spent today already (the event is a minute old, so it falls on today's UTC date unless the test runs at midnight).
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.UniClient.PostEventsOkAsync([new TestEvent($"{learner}-1", learner, "warm-up", "completed", now, course, DurationSeconds: 1200)]);

        using var put = await PutProfileAsync(learner, new { goals = new[] { "pass bio101" }, interests = new[] { "photosynthesis" }, minutesPerDay = 30 });
        await ResponseAssert.StatusAsync(put, HttpStatusCode.OK, fixture.Silo);
        var plan = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}");
        using var model = await fixture.UniClient.GetLearnerAsync(learner);
        var profile = JsonDocument.Parse(await model.Content.ReadAsStringAsync()).RootElement.GetProperty("profile");

        if (now.UtcDateTime.Date == DateTime.UtcNow.Date)
        {
            Assert.Equal(10, plan.BudgetMinutes);
            Assert.InRange(plan.PlannedMinutes, 1, 10);
        }
        Assert.Equal(30, profile.GetProperty("minutesPerDay").GetDouble());
        Assert.Equal("pass bio101", profile.GetProperty("goals")[0].GetString());
        var explicitBudget = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}&minutes=25");
        Assert.Equal(25, explicitBudget.BudgetMinutes); // an explicit budget wins over the profile
    }

    [Theory]
    [InlineData("""{"minutesPerDay":-5}""", "minutesPerDay")]
    [InlineData("""{"minutesPerDay":"lots"}""", "minutesPerDay")]
    [InlineData("""{"interests":["ok"," padded"]}""", "interests[1]")]
    [InlineData("""{"goals":[42]}""", "goals[0]")]
    public async Task ABadProfileIsRefusedNamingTheFieldAndNothingChanges(string body, string field)
    {
        var learner = "profile-" + Guid.NewGuid().ToString("n")[..8];
        using var good = await PutProfileAsync(learner, new { minutesPerDay = 45 });
        await ResponseAssert.StatusAsync(good, HttpStatusCode.OK, fixture.Silo);

        using var bad = await fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/learners/{learner}/profile",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = JsonDocument.Parse(await ResponseAssert.StatusAsync(bad, HttpStatusCode.BadRequest, fixture.Silo)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var after = await fixture.UniClient.GetAsync($"/api/v1/learners/{learner}/profile");
        Assert.Equal(45, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("minutesPerDay").GetDouble());
    }

    private Task<HttpResponseMessage> PutProfileAsync(string learner, object profile) =>
        fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/learners/{learner}/profile", JsonContent.Create(profile));
}
