using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Knowledge tracing on a real silo: mastery per skill on the learner model, BKT parameters fitted per skill by EM from
/// the journal in a Hangfire job, and learners' mastery recomputed under the fit; SDK 1.0 strategies keep working.
/// </summary>
public sealed class StrategyFitJobTests(StrategySiloFixture fixture) : IClassFixture<StrategySiloFixture>
{
    private const string Kt = StrategySiloFixture.KnowledgeTracing;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private static readonly Bkt Defaults = new(0.2, 0.12, 0.0143, 0.2, 0.1);

    [Fact]
    public async Task AFitServesBktParametersPerSkillFromTheJournalAndMasteryOnTheLearnerModelFollowsThem()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var (fractions, decimals) = ($"fractions-{run}", $"decimals-{run}");
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        await fixture.UniClient.PostEventsOkAsync(Cohort(run, fractions, decimals, start));
        var alice = $"alice-{run}";
        var answers = new List<(bool Correct, DateTimeOffset At)> { (false, start.AddHours(30)), (true, start.AddHours(31)), (true, start.AddHours(32)) };
        await PostAnswersAsync(alice, fractions, answers, 0);

        // Before any fit: the default parameters, and mastery moves with each graded answer.
        var before = await MasteryAsync(alice, fractions);
        Assert.Null(before.ModelVersion);
        Assert.Equal(Defaults.Learn, before.Values["bktLearn"], 6);
        Assert.Equal(Expected(Defaults, answers, DateTimeOffset.UtcNow), before.Mastery, 0.0002);
        answers.Add((true, start.AddHours(33)));
        await PostAnswersAsync(alice, fractions, answers, 3);
        var afterCorrect = await MasteryAsync(alice, fractions);
        Assert.True(afterCorrect.Mastery > before.Mastery, $"a correct answer raised mastery from {before.Mastery} to {afterCorrect.Mastery}");

        var job = await fixture.Admin.FitStrategyAsync(SiloFixture.Uni, Kt);
        var done = await fixture.Admin.WaitForJobAsync(job, "Succeeded", JobTimeout);

        Assert.StartsWith("100%", done.GetProperty("progress").GetString());
        var version = (await fixture.Admin.VersionsAsync(SiloFixture.Uni)).First(v => v.GetProperty("recommender").GetString() == Kt);
        Assert.True(version.GetProperty("serving").GetBoolean(), version.ToString());
        Assert.Contains($"{Kt} v{version.GetProperty("version").GetInt64()}:", done.GetProperty("outcome").GetString());
        var metrics = version.GetProperty("metrics");
        Assert.True(metrics.GetProperty("skills_fitted").GetDouble() >= 1, metrics.ToString());
        // The stored version holds BKT parameters of its own for the skill with enough answers, and none for the rare one.
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(
            fixture.Journal.ModelData(SiloFixture.Uni, Kt, version.GetProperty("version").GetInt64())!)!;
        var fitted = Bkt.From(stored, $"Bkt:Skills:{fractions}:");
        Assert.False(stored.ContainsKey($"Bkt:Skills:{decimals}:Learn"), "decimals has 12 answers, below the minimum for a fit of its own");
        Assert.NotEqual(Defaults, fitted);

        // The learner's state is rebuilt from the journal under the fit: mastery is BKT with the fitted parameters.
        var underFit = await MasteryAsync(alice, fractions);
        Assert.Equal(version.GetProperty("version").GetInt64(), underFit.ModelVersion);
        Assert.Equal(fitted.Learn, underFit.Values["bktLearn"], 6);
        Assert.Equal(Expected(fitted, answers, DateTimeOffset.UtcNow), underFit.Mastery, 0.0002);
        Assert.True(Math.Abs(underFit.Mastery - afterCorrect.Mastery) > 0.001,
            $"the fit should change mastery here: {afterCorrect.Mastery} with the defaults, {underFit.Mastery} fitted");

        // New graded events are observed under the fit too.
        answers.Add((false, start.AddHours(34)));
        await PostAnswersAsync(alice, fractions, answers, 4);
        var afterWrong = await MasteryAsync(alice, fractions);
        Assert.Equal(Expected(fitted, answers, DateTimeOffset.UtcNow), afterWrong.Mastery, 0.0002);
        Assert.True(afterWrong.Mastery < underFit.Mastery, $"a wrong answer lowered mastery from {underFit.Mastery} to {afterWrong.Mastery}");
    }

    [Fact]
    public async Task TheLearnerModelShowsRecallPerItemAndAStrategyBuiltForSdk10StillServes()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var learner = $"bob-{run}";
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        await fixture.UniClient.PostEventsOkAsync([
            new TestEvent($"{learner}-1", learner, $"cards-{run}", "reviewed", at, $"course-{run}"),
            new TestEvent($"{learner}-2", learner, $"quiz-{run}", "answered", at.AddHours(1), $"course-{run}", Score: 1, Skills: [$"skill-{run}"]),
        ]);

        var model = await LearnerModelAsync(learner);
        var plan = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course=course-{run}");
        using var plugins = await fixture.Admin.SendAsync(HttpMethod.Get, "/api/v1/plugins");

        var strategies = model.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal([Kt, StrategySiloFixture.SpacedRepetition], strategies.Select(s => s.GetProperty("plugin").GetString()!.Split('@')[0]));
        var cards = strategies[1].GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == $"cards-{run}");
        Assert.InRange(cards.GetProperty("recall").GetDouble(), 0.5, 1);
        Assert.True(cards.GetProperty("dueAt").GetDateTime() > at.UtcDateTime, cards.ToString());
        Assert.True(cards.GetProperty("values").GetProperty("stability").GetDouble() > 0, cards.ToString());
        // The 1.0 strategy cannot describe the learner, so it is not listed, but it loaded and still plans.
        Assert.Contains(plan.Plugins.Strategies, s => s.StartsWith($"{StrategySiloFixture.OnePointZeroStrategy}@", StringComparison.Ordinal));
        var folder = JsonDocument.Parse(await ResponseAssert.StatusAsync(plugins, HttpStatusCode.OK, fixture.Silo)).RootElement
            .GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("folder").GetString() == "Fixture.Versioned");
        Assert.Equal(JsonValueKind.Null, folder.GetProperty("loadError").ValueKind);
    }

    [Fact]
    public async Task FittingAStrategyWithoutAModelOrAnUnknownOneIsRefusedNamingThePlugin()
    {
        using var untrainable = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/strategies/{StrategySiloFixture.SpacedRepetition}/fit?tenant={SiloFixture.Uni}");
        using var unknown = await fixture.Admin.SendAsync(HttpMethod.Post, $"/api/v1/admin/strategies/no-such-plugin/fit?tenant={SiloFixture.Uni}");
        using var anonymous = await fixture.UniClient.SendAsync(HttpMethod.Post, $"/api/v1/admin/strategies/{Kt}/fit?tenant={SiloFixture.Uni}");

        var problem = await ResponseAssert.ProblemAsync(untrainable, HttpStatusCode.BadRequest, fixture.Silo);
        Assert.True(problem.GetProperty("errors").TryGetProperty("plugin", out _), problem.ToString());
        await ResponseAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, fixture.Silo);
        Assert.NotEqual(HttpStatusCode.Accepted, anonymous.StatusCode); // a tenant key is not an admin
    }

    /// <summary>
    /// 30 learners answer 4 times on fractions, simulated by BKT with parameters far from the defaults (fixed seed);
    /// 3 learners answer 4 times on decimals: too few for a fit of its own.
    /// </summary>
    private static List<TestEvent> Cohort(string run, string fractions, string decimals, DateTimeOffset start)
    {
        var truth = new Bkt(0.5, 0.35, 0, 0.3, 0.05);
        var random = new Random(20261129);
        var events = new List<TestEvent>();
        for (var l = 0; l < 30; l++)
        {
            var known = random.NextDouble() < truth.Prior;
            for (var j = 0; j < 4; j++)
            {
                var correct = known ? random.NextDouble() >= truth.Slip : random.NextDouble() < truth.Guess;
                events.Add(Answer($"{run}-f{l}-{j}", $"{run}-l{l}", fractions, correct, start.AddMinutes(l * 10 + j)));
                known |= random.NextDouble() < truth.Learn;
            }
        }
        for (var l = 0; l < 3; l++)
        {
            for (var j = 0; j < 4; j++)
            {
                events.Add(Answer($"{run}-d{l}-{j}", $"{run}-l{l}", decimals, (l + j) % 2 == 0, start.AddHours(10).AddMinutes(l * 10 + j)));
            }
        }
        return events;
    }

    private static TestEvent Answer(string id, string learner, string skill, bool correct, DateTimeOffset at) =>
        new(id, learner, $"{skill}-quiz", "graded", at, "math", Score: correct ? 1 : 0, Skills: [skill]);

    private async Task PostAnswersAsync(string learner, string skill, List<(bool Correct, DateTimeOffset At)> answers, int from) =>
        await fixture.UniClient.PostEventsOkAsync(answers.Skip(from)
            .Select((a, i) => Answer($"{learner}-{from + i}", learner, skill, a.Correct, a.At)));

    private async Task<JsonElement> LearnerModelAsync(string learner)
    {
        using var response = await fixture.UniClient.GetLearnerAsync(learner);
        return JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement.Clone();
    }

    private async Task<SkillMastery> MasteryAsync(string learner, string skill)
    {
        var model = await LearnerModelAsync(learner);
        var kt = model.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("plugin").GetString()!.StartsWith($"{Kt}@", StringComparison.Ordinal));
        Assert.True(kt.GetProperty("failure").ValueKind == JsonValueKind.Null, kt.ToString());
        var row = kt.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("skill").GetString() == skill);
        return new SkillMastery(
            row.GetProperty("mastery").GetDouble(),
            kt.GetProperty("modelVersion").ValueKind == JsonValueKind.Null ? null : kt.GetProperty("modelVersion").GetInt64(),
            row.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()));
    }

    /// <summary>
    /// BKT with forgetting, written out here from Corbett &amp; Anderson rather than taken from the plugin: at each answer
    /// forget over the days since the previous one, apply Bayes' rule, then learn; at the end forget up to now.
    /// </summary>
    private static double Expected(Bkt p, IReadOnlyList<(bool Correct, DateTimeOffset At)> answers, DateTimeOffset now)
    {
        var mastery = p.Prior;
        DateTimeOffset? last = null;
        foreach (var (correct, at) in answers)
        {
            var before = last is { } l ? mastery * Math.Pow(1 - p.Forget, (at - l).TotalDays) : mastery;
            var posterior = correct
                ? before * (1 - p.Slip) / (before * (1 - p.Slip) + (1 - before) * p.Guess)
                : before * p.Slip / (before * p.Slip + (1 - before) * (1 - p.Guess));
            mastery = posterior + (1 - posterior) * p.Learn;
            last = at;
        }
        return mastery * Math.Pow(1 - p.Forget, (now - last!.Value).TotalDays);
    }

    private sealed record SkillMastery(double Mastery, long? ModelVersion, Dictionary<string, double> Values);

    private sealed record Bkt(double Prior, double Learn, double Forget, double Guess, double Slip)
    {
        public static Bkt From(IReadOnlyDictionary<string, string> settings, string prefix) => new(
            Number(settings, prefix + "Prior"), Number(settings, prefix + "Learn"), Number(settings, prefix + "Forget"),
            Number(settings, prefix + "Guess"), Number(settings, prefix + "Slip"));

        private static double Number(IReadOnlyDictionary<string, string> settings, string key) =>
            settings.TryGetValue(key, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : throw new KeyNotFoundException($"no {key} in {string.Join(", ", settings.Keys)}");
    }
}
