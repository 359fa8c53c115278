using Attune.Silo.Catalog;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Attune.Silo.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Silo.Tests.Plugins;

/// <summary>Plugins as learner grains use them: chosen by configuration, isolated when they fail, swapped without losing state.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LearnerPluginTests(ClusterFixture fixture)
{
    [Fact]
    public async Task FailingPluginsFallBackToTheBaselineSayWhyAndNeverStopIngestion()
    {
        var (tenant, learner, course) = await SeedCourseAsync("faulty");

        var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest(course, 5, 30));
        var model = await fixture.Grains.GetLearner(tenant, learner).GetModelAsync();

        Assert.Equal(BaselineScorer.Name, list.Plugins.Recommender);
        Assert.Empty(list.Plugins.Strategies);
        Assert.Collection(list.Plugins.Fallbacks,
            f => Assert.Contains("throwing-recommender@1.0.0: score threw InvalidOperationException: score exploded", f),
            f => Assert.Contains("throwing-strategy@1.0.0: plan threw", f),
            f => Assert.Contains("over-budget-strategy@1.0.0: returned garbage from plan", f));
        Assert.Equal(["popular", "other"], list.Items.Select(i => i.Item));
        Assert.Equal(2, model!.EventsApplied); // observe and fold-in threw on every event; every event was still applied
        Assert.True(Plugin("throwing-strategy").Stats.Failures >= 2);
    }

    [Fact]
    public async Task TheLearnerModelShowsWhatStrategiesKnowAndOneThatFailsToSayIsListedWithWhy()
    {
        var (tenant, learner, course) = await SeedCourseAsync("describers");

        var model = await fixture.Grains.GetLearner(tenant, learner).GetModelAsync();
        var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest(course, 5, null));

        Assert.Equal(2, model!.EventsApplied);
        // The strategy without IDescribesLearner cannot describe, so it is not listed; it still plans.
        Assert.Equal(["throwing-describer", "garbage-describer", "counting-describer"], model.Strategies.Select(s => s.Plugin.Split('@')[0]));
        Assert.Equal("describe threw InvalidOperationException: describe exploded", model.Strategies[0].Failure);
        Assert.Equal("returned garbage from describe: Describe gave skill fractions the mastery 1.5; mastery is a probability from 0 to 1.", model.Strategies[1].Failure);
        Assert.All(model.Strategies.Take(2), s => Assert.Empty(s.Skills));
        var counting = model.Strategies[2];
        Assert.Null(counting.Failure);
        var observed = Assert.Single(counting.Skills);
        Assert.Equal(("observed", 0.6667, 2.0), (observed.Skill, observed.Mastery, observed.Values["events"]));
        Assert.Equal(("next", 0.5), (Assert.Single(counting.Items).Item, counting.Items[0].Recall!.Value));
        Assert.Null(counting.ModelVersion);
        Assert.StartsWith("versioned-strategy@", list.Plugins.Strategies[^1]); // 1.0.0, or 2.0.0 after the hot-reload test
        Assert.True(Plugin("throwing-describer").Stats.Failures >= 1);
        // A grain on another silo answers through Orleans serialization: the views must survive it.
        var serializer = fixture.Silo.GetRequiredService<Orleans.Serialization.Serializer>();
        var copy = serializer.Deserialize<LearnerModel>(serializer.SerializeToArray(model))!;
        Assert.Equal(model.Strategies.Select(s => (s.Plugin, s.Failure, s.Skills.Count, s.Items.Count)),
            copy.Strategies.Select(s => (s.Plugin, s.Failure, s.Skills.Count, s.Items.Count)));
        Assert.Equal(2.0, copy.Strategies[2].Skills[0].Values["events"]);
        Assert.Equal(counting.Items[0].DueAt, copy.Strategies[2].Items[0].DueAt);
    }

    [Fact]
    public async Task AnUnknownItemFromARecommenderIsGarbage()
    {
        var (tenant, learner, course) = await SeedCourseAsync("garbage");

        var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest(course, 5, null));

        Assert.Contains("unknown item not-in-the-catalog", Assert.Single(list.Plugins.Fallbacks));
        Assert.Equal(BaselineScorer.Name, list.Plugins.Recommender);
    }

    [Fact]
    public async Task ConfiguredPluginsServeAndTheResponseNamesThem()
    {
        var (tenant, learner, course) = await SeedCourseAsync("versioned");

        var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest(course, 5, null));

        Assert.StartsWith("versioned-recommender@", list.Plugins.Recommender);
        Assert.StartsWith("versioned-strategy@", Assert.Single(list.Plugins.Strategies));
        Assert.Empty(list.Plugins.Fallbacks);
        Assert.Matches("^v[12]: observed 2 events", Assert.Single(list.Items).Reason);
    }

    [Fact]
    public async Task ACourseChoiceOverridesTheTenantsChoice()
    {
        var (tenant, learner, _) = await SeedCourseAsync("versioned", course: "plain");

        var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest("plain", 5, null));

        Assert.Equal(BaselineScorer.Name, list.Plugins.Recommender);
        Assert.Empty(list.Plugins.Strategies);
    }

    [Fact]
    public async Task VariantsSplitLearnersByAStableHashInTheConfiguredShares()
    {
        var tenant = new TenantId("ab");
        var seen = new Dictionary<string, int> { ["A"] = 0, ["B"] = 0, ["none"] = 0 };
        for (var i = 0; i < 300; i++)
        {
            var learner = new LearnerId($"ab-learner-{i}");
            var list = await fixture.Grains.GetLearner(tenant, learner).RecommendAsync(new RecommendationRequest("c", 1, null));
            var bucket = PluginSelector.Bucket(tenant, learner);
            var expected = bucket < 30 ? "A" : bucket < 60 ? "B" : null;
            Assert.Equal(expected, list.Plugins.Variant);
            Assert.Equal(expected == "A", list.Plugins.Recommender.StartsWith("versioned-recommender@", StringComparison.Ordinal));
            seen[expected ?? "none"]++;
        }
        Assert.InRange(seen["A"], 60, 120);
        Assert.InRange(seen["B"], 60, 120);
    }

    [Fact]
    public async Task StateWrittenByOneVersionIsReadByTheNextAfterAHotReload()
    {
        var (tenant, learner, course) = await SeedCourseAsync("versioned", course: "upgrade");
        var grain = fixture.Grains.GetLearner(tenant, learner);
        var before = await grain.RecommendAsync(new RecommendationRequest(course, 5, null));
        Assert.Equal("v1: observed 2 events", Assert.Single(before.Items).Reason);

        FixturePlugins.Install(fixture.PluginsPath, FixturePlugins.VersionedV2);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Plugin("versioned-strategy").Version != "2.0.0")
        {
            Assert.True(DateTime.UtcNow < deadline, "the new version was not loaded within 20 s");
            await Task.Delay(100);
        }
        await IngestAsync(tenant, learner, Events.Make($"{learner}-3", learner.Value, item: "popular", course: course));

        var after = await grain.RecommendAsync(new RecommendationRequest(course, 5, null));
        Assert.Equal("v2: observed 3 events (state upgraded from v1)", Assert.Single(after.Items).Reason);
        Assert.Equal("versioned-strategy@2.0.0", Assert.Single(after.Plugins.Strategies));
        Assert.Equal(3, (await grain.GetModelAsync())!.EventsApplied);
    }

    private LoadedPlugin Plugin(string name) => fixture.Silo.GetRequiredService<PluginRegistry>().Find(name)!;

    /// <summary>A course with a popular item (2 peers), another (1 peer), and a learner who viewed one item and finished another.</summary>
    private async Task<(TenantId Tenant, LearnerId Learner, string Course)> SeedCourseAsync(string tenantId, string? course = null)
    {
        var tenant = new TenantId(tenantId);
        course ??= "course-" + Guid.NewGuid().ToString("n")[..8];
        var learner = new LearnerId("learner-" + Guid.NewGuid().ToString("n")[..12]);
        fixture.Silo.GetRequiredService<CourseCatalog>().Upsert(tenant, new CourseId(course),
            [new CatalogItem("popular", "Popular", "page", 10, [], null), new CatalogItem("other", "Other", "page", 10, [], null)]);
        foreach (var peer in new[] { "p1", "p2" })
        {
            var id = new LearnerId($"{learner}-{peer}");
            await IngestAsync(tenant, id, Events.Make($"{id}-a", id.Value, item: "popular", course: course));
        }
        var p3 = new LearnerId($"{learner}-p3");
        await IngestAsync(tenant, p3, Events.Make($"{p3}-a", p3.Value, item: "other", course: course));
        await IngestAsync(tenant, learner,
            Events.Make($"{learner}-1", learner.Value, item: "intro", course: course, kind: "completed"),
            Events.Make($"{learner}-2", learner.Value, item: "other", course: course));
        return (tenant, learner, course);
    }

    private async Task IngestAsync(TenantId tenant, LearnerId learner, params LearningEvent[] events)
    {
        var outcomes = await fixture.Journal.AppendAsync(tenant, events);
        await fixture.Grains.GetLearner(tenant, learner).ApplyAsync(events.Select((e, i) => JournalEntry.From(e, outcomes[i].Sequence)).ToArray());
    }
}
