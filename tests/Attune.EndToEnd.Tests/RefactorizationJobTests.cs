using System.Net;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>The refactorization job as admins run it from the API and the dashboards, on a real silo with Hangfire.</summary>
public sealed class RefactorizationJobTests(JobsSiloFixture fixture) : IClassFixture<JobsSiloFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/orleans/")]
    [InlineData("/api/v1/admin/models?tenant=uni")]
    [InlineData("/api/v1/plugins")]
    public async Task DashboardsAndTheAdminApiNeedAdminCredentials(string path)
    {
        using var anonymous = await fixture.WithCredentials(null).SendAsync(HttpMethod.Get, path);
        using var tenant = await fixture.WithCredentials(new("Bearer", SiloFixture.UniKey)).SendAsync(HttpMethod.Get, path);
        using var wrong = await fixture.WithCredentials(AdminClient.Basic("admin", "not-the-password")).SendAsync(HttpMethod.Get, path);
        using var admin = await fixture.Admin.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, tenant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.DoesNotContain("hangfire.db", await admin.Content.ReadAsStringAsync()); // no storage connection string shown
    }

    [Fact]
    public async Task TriggeringARefactorizationPublishesAVersionThatChangesRecommendations()
    {
        var (learner, course) = await SeedAsync();
        var before = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}");
        var versionsBefore = (await fixture.Admin.VersionsAsync(SiloFixture.Uni)).Count;

        var job = await fixture.Admin.RefactorizeAsync(SiloFixture.Uni);
        var done = await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);

        var versions = await fixture.Admin.VersionsAsync(SiloFixture.Uni);
        Assert.True(versionsBefore + 1 == versions.Count, $"expected one more version; job: {done}");
        var newest = versions[0];
        Assert.True(newest.GetProperty("serving").GetBoolean(), newest.ToString());
        Assert.True(newest.GetProperty("metrics").TryGetProperty("holdout_recall@20", out _), newest.ToString());
        Assert.StartsWith("100%", done.GetProperty("progress").GetString());
        var events = newest.GetProperty("metrics").GetProperty("events").GetDouble();
        var after = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}");
        Assert.NotEqual(before.Items.Select(i => i.Reason), after.Items.Select(i => i.Reason));
        Assert.All(after.Items, i => Assert.Equal($"model of {events} events; embedding folded against {events}", i.Reason));
        Assert.Equal(newest.GetProperty("version").GetInt64(), after.Plugins.ModelVersion); // the response names the model version
    }

    [Fact]
    public async Task ARerunWithNoNewEventsServesTheNewVersionInsteadOfJudgingItOnDataTheOldOneSaw()
    {
        await SeedAsync();
        await fixture.Admin.WaitForJobAsync(await fixture.Admin.RefactorizeAsync(SiloFixture.Uni), "Succeeded", JobTimeout);

        await fixture.Admin.WaitForJobAsync(await fixture.Admin.RefactorizeAsync(SiloFixture.Uni), "Succeeded", JobTimeout);

        var newest = (await fixture.Admin.VersionsAsync(SiloFixture.Uni))[0];
        Assert.True(newest.GetProperty("serving").GetBoolean(), newest.ToString());
        Assert.Equal("no holdout comparison possible", newest.GetProperty("note").GetString());
    }

    [Fact]
    public async Task TwoConcurrentTriggersTrainOnce()
    {
        await SeedAsync();
        var versionsBefore = (await fixture.Admin.VersionsAsync(SiloFixture.Uni)).Count;

        var first = await fixture.Admin.RefactorizeAsync(SiloFixture.Uni);
        var second = await fixture.Admin.RefactorizeAsync(SiloFixture.Uni);
        var outcomes = new[]
        {
            (await fixture.Admin.WaitForJobAsync(first, "Succeeded", JobTimeout)).GetProperty("outcome").GetString(),
            (await fixture.Admin.WaitForJobAsync(second, "Succeeded", JobTimeout)).GetProperty("outcome").GetString(),
        };

        Assert.Equal(versionsBefore + 1, (await fixture.Admin.VersionsAsync(SiloFixture.Uni)).Count);
        Assert.Single(outcomes, o => o!.StartsWith("Skipped: a refactorization of tenant uni is already running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AJobCutShortByAKillIsRerunAfterRestartWhileThePreviousModelServes()
    {
        var (learner, course) = await SeedAsync();
        await fixture.Admin.WaitForJobAsync(await fixture.Admin.RefactorizeAsync(SiloFixture.Uni), "Succeeded", JobTimeout);
        var serving = ServingVersion(await fixture.Admin.VersionsAsync(SiloFixture.Uni));
        var reasonsServing = (await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}")).Items.Select(i => i.Reason).ToList();
        await fixture.UniClient.PostEventsOkAsync([new TestEvent($"{learner}-late", learner, "late-item", "viewed", TestEvent.Day.AddDays(7), course)]);

        var job = await fixture.Admin.RefactorizeAsync(SiloFixture.Uni);
        await fixture.Admin.WaitForJobAsync(job, "Processing", JobTimeout);
        await fixture.Silo.KillAsync();
        await fixture.Silo.StartAsync();

        Assert.Equal(serving, ServingVersion(await fixture.Admin.VersionsAsync(SiloFixture.Uni)));
        var meanwhile = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}");
        Assert.StartsWith($"{JobsSiloFixture.Recommender}@", meanwhile.Plugins.Recommender);
        Assert.Equal(reasonsServing[0], meanwhile.Items[0].Reason); // the previous model still scores

        await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);
        Assert.Equal(serving + 1, ServingVersion(await fixture.Admin.VersionsAsync(SiloFixture.Uni)));
    }

    private static long ServingVersion(List<JsonElement> versions) =>
        versions.Single(v => v.GetProperty("serving").GetBoolean()).GetProperty("version").GetInt64();

    /// <summary>A course where 20 learners each touch some of 8 items over several days, interleaved as real activity is.</summary>
    private async Task<(string Learner, string Course)> SeedAsync()
    {
        var course = "course-" + Guid.NewGuid().ToString("n")[..8];
        var events = new List<TestEvent>();
        for (var day = 0; day < 6; day++)
        {
            for (var l = 0; l < 20; l++)
            {
                var item = $"item-{(l + day) % 8}";
                events.Add(new TestEvent($"{course}-{l}-{day}", $"{course}-l{l}", item, "viewed",
                    TestEvent.Day.AddDays(day).AddMinutes(l), course));
            }
        }
        await fixture.UniClient.PostEventsOkAsync(events);
        return ($"{course}-l0", course);
    }
}
