using System.Net;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// The study planner on a real silo: what works is learned from the journal by the strategy fit (a learning rate per
/// activity, prerequisites the course does not state, inferred and shown to admins as inferred with their evidence), a
/// refit is compared with the serving model on a holdout, and plans follow what was learned.
/// </summary>
public sealed class StudyPlannerTests(StudyPlannerSiloFixture fixture) : IClassFixture<StudyPlannerSiloFixture>
{
    private const string Planner = StudyPlannerSiloFixture.StudyPlanner;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AFitLearnsWhatEachActivityTeachesInfersAnUnstatedPrerequisiteAndARefitIsJudgedOnAHoldout()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var course = $"algebra-{run}";
        // The course states skills but no prerequisites; "built" can only be learned once "base" is known.
        await fixture.UniClient.PutCatalogOkAsync(course, new
        {
            items = Items(run).Select((i, position) => new { id = i.Id, kind = i.Kind, estimatedMinutes = 10, skills = new[] { i.Skill }, position }),
        });
        var start = DateTimeOffset.UtcNow.AddDays(-40);
        var cohort = Cohort(run, course, Items(run), learners: 300, start, seed: 5);
        foreach (var batch in cohort.Chunk(1000))
        {
            await fixture.UniClient.PostEventsOkAsync(batch);
        }

        await fixture.Admin.WaitForJobAsync(await fixture.Admin.FitStrategyAsync(SiloFixture.Uni, Planner), "Succeeded", JobTimeout);

        var first = (await fixture.Admin.VersionsAsync(SiloFixture.Uni)).Single(v => v.GetProperty("recommender").GetString() == Planner);
        Assert.True(first.GetProperty("serving").GetBoolean(), first.ToString());
        Assert.Equal(300, first.GetProperty("metrics").GetProperty("learners").GetDouble());
        var card = await CardAsync(first.GetProperty("version").GetInt64());
        var findings = card.GetProperty("findings").EnumerateArray().ToList();
        var inferred = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "inferred-prerequisite"
            && f.GetProperty("subject").GetString() == $"built-{run} requires base-{run}");
        Assert.StartsWith("Inferred from the journal", inferred.GetProperty("text").GetString());
        Assert.True(inferred.GetProperty("values").GetProperty("learnWhenKnown").GetDouble() > 1.5 * inferred.GetProperty("values").GetProperty("learnWhenUnknown").GetDouble());
        Assert.DoesNotContain(findings, f => f.GetProperty("kind").GetString() == "inferred-prerequisite" && f.GetProperty("subject").GetString()!.Contains($"apart-{run}"));
        double Learn(string item) => findings.Single(f => f.GetProperty("kind").GetString() == "item-effect" && f.GetProperty("subject").GetString() == item)
            .GetProperty("values").GetProperty("learn").GetDouble();
        Assert.True(Learn($"a1-{run}") > 3 * Learn($"a2-{run}"), $"a1 teaches, a2 hardly: {Learn($"a1-{run}")} against {Learn($"a2-{run}")}");

        // A new learner is sent to what the fit found works, on the skill the others rest on.
        var newcomer = $"newcomer-{run}";
        await fixture.UniClient.PostEventsOkAsync([new TestEvent($"{newcomer}-0", newcomer, $"a2-{run}", "viewed", DateTimeOffset.UtcNow.AddMinutes(-5), course)]);
        var plan = await fixture.UniClient.GetRecommendationsOkAsync(newcomer, $"?course={course}&minutes=10");
        Assert.Equal([$"a1-{run}"], plan.Items.Select(i => i.Item));
        Assert.Contains("going by", plan.Items[0].Reason, StringComparison.Ordinal);

        // More of the same cohort arrives; a refit is measured against the serving model on what neither has seen.
        foreach (var batch in Cohort(run, course, Items(run), learners: 60, start.AddDays(15), seed: 6, prefix: "late").Chunk(1000))
        {
            await fixture.UniClient.PostEventsOkAsync(batch);
        }
        var refit = await fixture.Admin.WaitForJobAsync(await fixture.Admin.FitStrategyAsync(SiloFixture.Uni, Planner), "Succeeded", JobTimeout);
        var second = (await fixture.Admin.VersionsAsync(SiloFixture.Uni))
            .Where(v => v.GetProperty("recommender").GetString() == Planner).MaxBy(v => v.GetProperty("version").GetInt64());
        var metrics = second.GetProperty("metrics");
        Assert.True(metrics.GetProperty("holdout_predictions").GetDouble() > 100, metrics.ToString());
        Assert.True(metrics.TryGetProperty("previous_holdout_loss", out _), metrics.ToString());
        Assert.Contains("holdout loss", refit.GetProperty("outcome").GetString() + second.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantThatConfiguresNothingIsPlannedForByTheStudyPlanner()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var course = $"course-{run}";
        await fixture.OtherClient.PutCatalogOkAsync(course, new
        {
            items = new object[]
            {
                new { id = "lesson-b", kind = "lesson", estimatedMinutes = 10, skills = new[] { "b" }, prerequisiteSkills = new[] { "a" }, position = 0 },
                new { id = "lesson-a", kind = "lesson", estimatedMinutes = 10, skills = new[] { "a" }, position = 1 },
            },
        });
        var learner = $"dana-{run}";
        await fixture.OtherClient.PostEventsOkAsync([new TestEvent($"{learner}-0", learner, "lesson-a", "viewed", DateTimeOffset.UtcNow.AddMinutes(-5), course)]);

        var plan = await fixture.OtherClient.GetRecommendationsOkAsync(learner, $"?course={course}&minutes=10");

        Assert.Contains(plan.Plugins.Strategies, s => s.StartsWith($"{Planner}@", StringComparison.Ordinal));
        Assert.Empty(plan.Plugins.Fallbacks);
        Assert.Equal(["lesson-a"], plan.Items.Select(i => i.Item)); // what lesson-b rests on comes first, whatever the catalog's order
    }

    [Fact]
    public async Task AModelCardOfAnUnknownVersionIs404AndNeedsAnAdmin()
    {
        using var missing = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/models/987654?tenant={SiloFixture.Uni}");
        await ResponseAssert.StatusAsync(missing, HttpStatusCode.NotFound, fixture.Silo);
        using var anonymous = await new AdminClient(fixture.Silo, null).SendAsync(HttpMethod.Get, $"/api/v1/admin/models/1?tenant={SiloFixture.Uni}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<JsonElement> CardAsync(long version)
    {
        using var response = await fixture.Admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/models/{version}?tenant={SiloFixture.Uni}&plugin={Planner}");
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement;
    }

    private static (string Id, string Kind, string Skill, double Learn)[] Items(string run) =>
    [
        ($"a1-{run}", "video", $"base-{run}", 0.5), ($"a2-{run}", "lesson", $"base-{run}", 0.03),
        ($"b1-{run}", "lesson", $"built-{run}", 0.4), ($"b2-{run}", "lesson", $"built-{run}", 0.4),
        ($"c1-{run}", "lesson", $"apart-{run}", 0.4), ($"c2-{run}", "lesson", $"apart-{run}", 0.4),
    ];

    /// <summary>
    /// Learners from a known truth: each session of an item opens with a question on its skill (right with 0.9 when known,
    /// 0.15 when not), then teaches the skill with the item's own probability, "built" only once "base" is known.
    /// </summary>
    private static List<TestEvent> Cohort(string run, string course, (string Id, string Kind, string Skill, double Learn)[] items, int learners,
        DateTimeOffset start, int seed, string prefix = "learner")
    {
        var random = new Random(seed);
        var events = new List<TestEvent>();
        for (var u = 0; u < learners; u++)
        {
            var learner = $"{prefix}{u}-{run}";
            var known = items.Select(i => i.Skill).Distinct().ToDictionary(s => s, _ => random.NextDouble() < 0.1);
            var day = 0;
            for (var round = 0; round < 3; round++)
            {
                foreach (var item in items.OrderBy(_ => random.Next()))
                {
                    // A session opens with a question on the skill (what the learner knew coming in), then teaches.
                    var at = start.AddDays(day++ * 0.5);
                    var right = known[item.Skill] ? random.NextDouble() < 0.9 : random.NextDouble() < 0.15;
                    events.Add(new TestEvent($"{learner}-{day}-q", learner, item.Id, "answered", at, course, Score: right ? 1 : 0));
                    events.Add(new TestEvent($"{learner}-{day}-s", learner, item.Id, "completed", at.AddMinutes(10), course, DurationSeconds: 600));
                    var ready = item.Skill != $"built-{run}" || known[$"base-{run}"];
                    if (!known[item.Skill] && ready && random.NextDouble() < item.Learn)
                    {
                        known[item.Skill] = true;
                    }
                }
            }
        }
        return events;
    }
}
