using Attune.Silo.Database;
using Attune.Silo.Learners;
using Attune.Tests;
using Attune.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Attune.Silo.Tests.Storage;

/// <summary>What grain storage must do on either database; run once per provider by the subclasses below.</summary>
public abstract class GrainStorageContract(ClusterFixture fixture) : IDisposable
{
    protected Serializer Serializer => fixture.Silo.GetRequiredService<Serializer>();

    protected abstract SqlGrainStorage Create();

    public abstract void Dispose();

    [Fact]
    public async Task StateRoundTripsAndAStaleWriterIsRefused()
    {
        var storage = Create();
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
        var storage = Create();
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

}

[Collection(ClusterCollection.Name)]
public sealed class SqliteGrainStorageTests(ClusterFixture fixture) : GrainStorageContract(fixture)
{
    private readonly TempFolder _folder = new();

    protected override SqlGrainStorage Create() => SqlGrainStorage.Sqlite(Path.Combine(_folder.Path, "grains.db"), Serializer);

    public override void Dispose() => _folder.Dispose();
}

[Collection(ClusterCollection.Name)]
public sealed class PostgresGrainStorageTests(ClusterFixture fixture) : GrainStorageContract(fixture)
{
    private readonly PostgresTestDatabase _database = TestServices.CreateDatabase();
    private readonly List<PostgresJournalDatabase> _opened = [];

    protected override SqlGrainStorage Create()
    {
        var database = new PostgresJournalDatabase(_database.ConnectionString);
        _opened.Add(database);
        return SqlGrainStorage.InDatabase(database, Serializer);
    }

    public override void Dispose()
    {
        _opened.ForEach(d => d.Dispose());
        _database.Dispose();
    }
}
