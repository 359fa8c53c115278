using Attune.Silo.Learners;
using Attune.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Attune.Silo.Tests.Storage;

[Collection(ClusterCollection.Name)]
public sealed class SqliteGrainStorageTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task StateRoundTripsAndAStaleWriterIsRefused()
    {
        var storage = new SqliteGrainStorage(Path.Combine(_folder.Path, "grains.db"), fixture.Silo.GetRequiredService<Serializer>());
        var id = GrainId.Create("learner", "uni/alice");
        var first = new GrainState<LearnerState>(new LearnerState { LastSequence = 3 });
        await storage.WriteStateAsync("learner", id, first);
        var stale = new GrainState<LearnerState>();
        await storage.ReadStateAsync("learner", id, stale);

        first.State!.LastSequence = 4;
        await storage.WriteStateAsync("learner", id, first);
        stale.State!.LastSequence = 99;

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("learner", id, stale));
        var read = new GrainState<LearnerState>();
        await storage.ReadStateAsync("learner", id, read);
        Assert.Equal(4, read.State!.LastSequence);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task AMissingRecordReadsAsEmptyStateAndCanBeCreatedOnce()
    {
        var storage = new SqliteGrainStorage(Path.Combine(_folder.Path, "grains.db"), fixture.Silo.GetRequiredService<Serializer>());
        var id = GrainId.Create("learner", "uni/bob");
        var a = new GrainState<LearnerState>();
        var b = new GrainState<LearnerState>();
        await storage.ReadStateAsync("learner", id, a);
        await storage.ReadStateAsync("learner", id, b);

        Assert.False(a.RecordExists);
        Assert.Equal(0, a.State!.LastSequence);
        await storage.WriteStateAsync("learner", id, a);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("learner", id, b));
    }

    public void Dispose() => _folder.Dispose();
}
