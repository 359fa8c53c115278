using Attune.Silo.Catalog;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Attune.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Silo.Tests.Learners;

[Collection(ClusterCollection.Name)]
public sealed class LearnerGrainTests(ClusterFixture fixture)
{
    private static readonly TenantId Uni = new("uni");

    [Fact]
    public async Task EventsDispatchedTwiceAreAppliedOnce()
    {
        var learner = NewLearner();
        var entries = await AppendAsync(learner, Events.Make($"{learner}-a", learner), Events.Make($"{learner}-b", learner, kind: "completed"));
        var grain = fixture.Grains.GetLearner(Uni, new LearnerId(learner));

        await grain.ApplyAsync(entries);
        await grain.ApplyAsync(entries);
        await grain.ApplyAsync([entries[0]]);

        var model = await grain.GetModelAsync();
        Assert.Equal(2, model!.EventsApplied);
        Assert.Equal(2, model.LastSequence);
        Assert.Equal(1, model.CountsByKind["completed"]);
    }

    [Fact]
    public async Task AGapInDispatchIsFilledFromTheJournal()
    {
        var learner = NewLearner();
        var entries = await AppendAsync(learner, Events.Make($"{learner}-a", learner), Events.Make($"{learner}-b", learner), Events.Make($"{learner}-c", learner));
        var grain = fixture.Grains.GetLearner(Uni, new LearnerId(learner));

        await grain.ApplyAsync([entries[2]]); // the first two dispatches were lost

        var model = await grain.GetModelAsync();
        Assert.Equal(3, model!.EventsApplied);
        Assert.Equal(3, model.LastSequence);
    }

    [Fact]
    public async Task ReadsReflectJournaledEventsThatWereNeverDispatched()
    {
        var learner = NewLearner();
        var grain = fixture.Grains.GetLearner(Uni, new LearnerId(learner));
        await grain.ApplyAsync(await AppendAsync(learner, Events.Make($"{learner}-a", learner)));

        await AppendAsync(learner, Events.Make($"{learner}-b", learner), Events.Make($"{learner}-c", learner, seconds: 120));

        var model = await grain.GetModelAsync();
        Assert.Equal(3, model!.EventsApplied);
        Assert.Equal(2, Assert.Single(model.MinutesByDay).Minutes);
    }

    [Fact]
    public async Task ALearnerNeverSeenHasNoModelAndNoSnapshot()
    {
        var learner = NewLearner();

        Assert.Null(await fixture.Grains.GetLearner(Uni, new LearnerId(learner)).GetModelAsync());
        await fixture.Cluster.DeactivateAsync(GrainIdOf(learner));

        Assert.Null(ReadSnapshotSequence(learner));
    }

    [Fact]
    public async Task StateSurvivesDeactivationAndTheJournalIsReplayedPastTheSnapshot()
    {
        var learner = NewLearner();
        var grain = fixture.Grains.GetLearner(Uni, new LearnerId(learner));
        var events = Enumerable.Range(0, ClusterFixture.SnapshotEveryEvents + 2)
            .Select(i => Events.Make($"{learner}-e{i}", learner, item: $"item-{i % 3}", kind: i % 2 == 0 ? "answered" : "viewed", score: i % 2 == 0 ? 0.5 : null))
            .ToArray();
        await grain.ApplyAsync(await AppendAsync(learner, events[..ClusterFixture.SnapshotEveryEvents]));
        await grain.ApplyAsync(await AppendAsync(learner, events[ClusterFixture.SnapshotEveryEvents..]));
        var before = await grain.GetModelAsync();
        Assert.Equal(ClusterFixture.SnapshotEveryEvents, ReadSnapshotSequence(learner)); // written after N events, not per event

        await fixture.Cluster.DeactivateAsync(GrainIdOf(learner));
        Assert.Equal(events.Length, ReadSnapshotSequence(learner)); // deactivation saves the rest
        await AppendAsync(learner, Events.Make($"{learner}-late", learner, item: "item-9")); // journaled while the grain was away

        var after = await fixture.Grains.GetLearner(Uni, new LearnerId(learner)).GetModelAsync();
        Assert.Equal(events.Length + 1, after!.EventsApplied);
        Assert.Equal(before!.Items.Where(i => i.Item != "item-9"), after.Items.Where(i => i.Item != "item-9"));
    }

    [Fact]
    public async Task RecommendationsSkipFinishedItemsRankByClassmatesAndFitTheBudget()
    {
        var course = "course-" + Guid.NewGuid().ToString("n")[..8];
        var me = NewLearner();
        var peers = Enumerable.Range(0, 4).Select(_ => NewLearner()).ToArray();
        var catalog = fixture.Silo.GetRequiredService<CourseCatalog>();
        catalog.Upsert(Uni, new CourseId(course), [
            new CatalogItem("long-read", "A long read", "page", 50, [], null),
            new CatalogItem("unpopular", null, "page", 5, [], null)]);
        for (var p = 0; p < peers.Length; p++)
        {
            var mine = new List<LearningEvent> { Events.Make($"{course}-{p}-done", peers[p], item: "done", course: course) };
            if (p < 3) { mine.Add(Events.Make($"{course}-{p}-popular", peers[p], item: "popular", course: course, seconds: 20 * 60)); }
            if (p < 2) { mine.Add(Events.Make($"{course}-{p}-long", peers[p], item: "long-read", course: course)); }
            await IngestAsync(peers[p], mine.ToArray());
        }
        await IngestAsync(me, Events.Make($"{course}-me-done", me, item: "done", course: course, kind: "completed"));

        var list = await fixture.Grains.GetLearner(Uni, new LearnerId(me)).RecommendAsync(new RecommendationRequest(course, 10, 30));

        Assert.Equal(["popular", "unpopular"], list.Items.Select(i => i.Item)); // "done" is finished; "long-read" (50 min) does not fit 30
        Assert.Equal(0.75, list.Items[0].Score);
        Assert.Equal(20, list.Items[0].Minutes); // classmates' mean time on task
        Assert.Contains("3 of your 4 classmates", list.Items[0].Reason);
        Assert.Equal(25, list.PlannedMinutes);
        Assert.Equal(BaselineScorer.Name, list.Plugins.Recommender);
        Assert.Empty(list.Plugins.Fallbacks);
    }

    [Fact]
    public async Task ARebuildForgetsEventsTheJournalNoLongerHoldsAndSnapshotsWhatItHolds()
    {
        var learner = NewLearner();
        var grain = fixture.Grains.GetLearner(Uni, new LearnerId(learner));
        await grain.ApplyAsync(await AppendAsync(learner,
            Events.Make($"{learner}-a", learner, item: "kept"), Events.Make($"{learner}-b", learner, item: "moved", kind: "completed"),
            Events.Make($"{learner}-c", learner, item: "kept", kind: "completed")));
        // What a repair does: the row re-keyed away from this learner is removed from the journal.
        using (var connection = fixture.Journal.Database.Open())
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = $"DELETE FROM events WHERE tenant = 'uni' AND event_id = '{learner}-b'";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }
        Assert.Equal(3, (await grain.GetModelAsync())!.EventsApplied); // in-order application cannot see a removal

        await grain.RebuildAsync();

        var model = await grain.GetModelAsync();
        Assert.Equal(2, model!.EventsApplied);
        Assert.Equal(3, model.LastSequence); // the journal's sequence, with its gap
        Assert.Equal(["kept"], model.Items.Select(i => i.Item));
        Assert.Equal(3, ReadSnapshotSequence(learner));
        // A later event applies on top of the rebuilt state.
        await IngestAsync(learner, Events.Make($"{learner}-d", learner, item: "kept"));
        Assert.Equal(3, (await grain.GetModelAsync())!.EventsApplied);
    }

    private static string NewLearner() => "learner-" + Guid.NewGuid().ToString("n")[..12];

    private static GrainId GrainIdOf(string learner) =>
        GrainId.Create("learner", LearnerKey.Format(Uni, new LearnerId(learner)));

    private async Task<JournalEntry[]> AppendAsync(string learner, params LearningEvent[] events)
    {
        var outcomes = await fixture.Journal.AppendAsync(Uni, events);
        return events.Select((e, i) => JournalEntry.From(e, outcomes[i].Sequence)).ToArray();
    }

    private async Task IngestAsync(string learner, params LearningEvent[] events) =>
        await fixture.Grains.GetLearner(Uni, new LearnerId(learner)).ApplyAsync(await AppendAsync(learner, events));

    /// <summary>The LastSequence stored in the learner's snapshot row, read straight from the SQLite file.</summary>
    private long? ReadSnapshotSequence(string learner)
    {
        var storage = fixture.Silo.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(AttuneStorage.LearnerStore);
        var state = new GrainState<LearnerState>();
        storage.ReadStateAsync("learner", GrainIdOf(learner), state).GetAwaiter().GetResult();
        return state.RecordExists ? state.State!.LastSequence : null;
    }
}
