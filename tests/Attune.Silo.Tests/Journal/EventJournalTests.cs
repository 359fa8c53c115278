using Attune.Silo.Database;
using Attune.Silo.Journal;
using Attune.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Attune.Silo.Tests.Journal;

/// <summary>What every journal database must do; run once per provider by the subclasses below.</summary>
public abstract class EventJournalContract : IDisposable
{
    protected static readonly TenantId Uni = new("uni");

    /// <summary>A journal on this test's database (the same database each time it is called).</summary>
    protected abstract EventJournal Open();

    public abstract void Dispose();

    [Fact]
    public async Task EachLearnerGetsConsecutiveSequencesFromOne()
    {
        await using var journal = Open();
        var outcomes = await journal.AppendAsync(Uni, [
            Events.Make("e1", learner: "alice"), Events.Make("e2", learner: "bob"),
            Events.Make("e3", learner: "alice"), Events.Make("e4", learner: "alice")]);

        Assert.Equal([1L, 1, 2, 3], outcomes.Select(o => o.Sequence));
        Assert.All(outcomes, o => Assert.False(o.Duplicate));
        Assert.Equal(3, journal.LastSequence(Uni, new LearnerId("alice")));
        Assert.Equal(["e1", "e3", "e4"], journal.ReadLearner(Uni, new LearnerId("alice"), 0).Select(e => e.EventId));
    }

    [Fact]
    public async Task RedeliveredEventIsADuplicateAndWrittenOnce()
    {
        await using var journal = Open();
        await journal.AppendAsync(Uni, [Events.Make("e1"), Events.Make("e2")]);

        var again = await journal.AppendAsync(Uni, [Events.Make("e2"), Events.Make("e3")]);

        Assert.True(again[0].Duplicate);
        Assert.Equal(new AppendOutcome(false, 3), again[1]);
        Assert.Equal(3, journal.ReadLearner(Uni, new LearnerId("alice"), 0).Count);
    }

    [Fact]
    public async Task RepeatedIdWithinOneBatchIsWrittenOnce()
    {
        await using var journal = Open();

        var outcomes = await journal.AppendAsync(Uni, [Events.Make("e1"), Events.Make("e1", kind: "completed")]);

        Assert.False(outcomes[0].Duplicate);
        Assert.True(outcomes[1].Duplicate);
        Assert.Equal("viewed", Assert.Single(journal.ReadLearner(Uni, new LearnerId("alice"), 0)).Kind);
    }

    [Fact]
    public async Task SameIdFromAnotherSourceOrTenantIsADifferentEvent()
    {
        await using var journal = Open();
        await journal.AppendAsync(Uni, [Events.Make("e1")]);

        var otherSource = await journal.AppendAsync(Uni, [Events.Make("e1", source: "moodle-1")]);
        var otherTenant = await journal.AppendAsync(new TenantId("other"), [Events.Make("e1")]);

        Assert.False(otherSource[0].Duplicate);
        Assert.False(otherTenant[0].Duplicate);
        Assert.Equal(1, otherTenant[0].Sequence);
    }

    [Fact]
    public async Task ConcurrentAppendsKeepEverySequenceDenseAndUnique()
    {
        await using var journal = Open();
        var learners = Enumerable.Range(0, 20).Select(i => $"l{i}").ToArray();

        var appends = Enumerable.Range(0, 200).Select(batch => Task.Run(() => journal.AppendAsync(Uni,
            Enumerable.Range(0, 10).Select(i => Events.Make($"b{batch}-{i}", learner: learners[(batch + i) % learners.Length])).ToList())));
        var outcomes = (await Task.WhenAll(appends)).SelectMany(o => o).ToList();

        Assert.Equal(2000, outcomes.Count(o => !o.Duplicate));
        foreach (var learner in learners)
        {
            var sequences = journal.ReadLearner(Uni, new LearnerId(learner), 0).Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        }
    }

    [Fact]
    public async Task SequencesContinueAfterTheJournalIsReopened()
    {
        await using (var journal = Open())
        {
            await journal.AppendAsync(Uni, [Events.Make("e1"), Events.Make("e2")]);
        }
        await using var reopened = Open();

        var outcomes = await reopened.AppendAsync(Uni, [Events.Make("e2"), Events.Make("e3")]);

        Assert.True(outcomes[0].Duplicate);
        Assert.Equal(3, outcomes[1].Sequence);
    }

    [Fact]
    public async Task EventFieldsRoundTripThroughTheJournal()
    {
        await using var journal = Open();
        var e = new LearningEvent("e1", new LearnerId("alice"), new ItemId("quiz-3"), EventKind.Graded,
            new DateTimeOffset(2026, 11, 1, 11, 5, 0, TimeSpan.FromHours(1)), new CourseId("bio101"), 0.8, 300,
            [new SkillId("photosynthesis"), new SkillId("cells")]);
        await journal.AppendAsync(Uni, [e]);

        var read = Assert.Single(journal.ReadLearner(Uni, new LearnerId("alice"), 0)).ToLearningEvent(new LearnerId("alice"));

        Assert.Equal(e.Timestamp, read.Timestamp);
        Assert.Equal(TimeSpan.Zero, read.Timestamp.Offset);
        Assert.Equal((e.Id, e.Item, e.Kind, e.Course, e.Score, e.DurationSeconds, e.Source),
            (read.Id, read.Item, read.Kind, read.Course, read.Score, read.DurationSeconds, read.Source));
        Assert.Equal(e.Skills, read.Skills);
    }

}

public sealed class SqliteEventJournalTests : EventJournalContract
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "journal.db");

    protected override EventJournal Open() => new(DatabasePath, TimeProvider.System, NullLogger<EventJournal>.Instance);

    [Fact]
    public async Task JournalRunsInWalModeAndRecordsItsSchemaVersion()
    {
        await using var journal = Open();
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();

        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA user_version";
        Assert.Equal((long)JournalSchema.LatestVersion, cmd.ExecuteScalar());
    }

    [Fact]
    public async Task ADatabaseFromANewerAttuneIsRefused()
    {
        await (await Task.FromResult(Open())).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        var error = Assert.Throws<InvalidOperationException>(Open);

        Assert.Contains("schema version 99", error.Message);
    }

    public override void Dispose() => _folder.Dispose();
}

public sealed class PostgresEventJournalTests : EventJournalContract
{
    private readonly PostgresTestDatabase _database = TestServices.CreateDatabase();

    protected override EventJournal Open() =>
        new(new PostgresJournalDatabase(_database.ConnectionString), TimeProvider.System, NullLogger<EventJournal>.Instance, ownsDatabase: true);

    [Fact]
    public async Task TwoSilosWritingTheSameLearnersKeepEverySequenceDenseAndEveryEventOnce()
    {
        // Two journals on one database are two silos: each numbers events with its own writer.
        await using var a = Open();
        await using var b = Open();
        var learners = Enumerable.Range(0, 10).Select(i => $"l{i}").ToArray();

        // Every batch goes to both silos (an LMS retrying against another silo), so each event arrives twice.
        var appends = Enumerable.Range(0, 100).SelectMany(batch =>
        {
            var events = Enumerable.Range(0, 10).Select(i => Events.Make($"b{batch}-{i}", learner: learners[(batch + i) % learners.Length])).ToList();
            return new[] { Task.Run(() => a.AppendAsync(Uni, events)), Task.Run(() => b.AppendAsync(Uni, events)) };
        });
        var outcomes = (await Task.WhenAll(appends)).SelectMany(o => o).ToList();

        Assert.Equal(1000, outcomes.Count(o => !o.Duplicate));
        Assert.Equal(1000, outcomes.Count(o => o.Duplicate));
        foreach (var learner in learners)
        {
            var sequences = a.ReadLearner(Uni, new LearnerId(learner), 0).Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        }
        Assert.Equal(1000, a.CountTenant(Uni));
    }

    [Fact]
    public void SilosStartingTogetherMigrateTheSchemaOnce()
    {
        var databases = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => new PostgresJournalDatabase(_database.ConnectionString)).ToList();

        using var connection = databases[0].Open();
        using var cmd = connection.Command("SELECT COUNT(*), MAX(version) FROM attune_schema");
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(databases[0].SchemaVersion, reader.GetInt64(0));
        Assert.Equal(databases[0].SchemaVersion, reader.GetInt32(1));
        databases.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task ABurstOfWorkWaitsForTheBoundedPoolInsteadOfExhaustingTheServer()
    {
        using var database = new PostgresJournalDatabase(_database.ConnectionString, maxConnections: 3);

        // 30 concurrent queries (a burst of grain activations) through a pool of 3.
        var backends = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            await using var connection = await database.OpenAsync();
            await using var cmd = connection.Command("SELECT pg_backend_pid() FROM pg_sleep(0.05)");
            return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }));

        Assert.InRange(backends.Distinct().Count(), 1, 3);
    }

    [Fact]
    public void ADatabaseFromANewerAttuneIsRefusedNamingTheSetting()
    {
        using (var database = new PostgresJournalDatabase(_database.ConnectionString))
        using (var connection = database.Open())
        {
            connection.Execute("INSERT INTO attune_schema (version) VALUES (99)");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new PostgresJournalDatabase(_database.ConnectionString));

        Assert.StartsWith("Attune:Storage:Postgres", error.Message);
        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public void AnUnreachableServerFailsNamingTheSetting()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var wrong = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = 1, Timeout = 2, Password = password }.ConnectionString;

        var error = Assert.Throws<InvalidOperationException>(() => new PostgresJournalDatabase(wrong));

        Assert.StartsWith("Attune:Storage:Postgres: cannot use PostgreSQL at", error.Message);
        Assert.DoesNotContain(password, error.ToString());
    }

    public override void Dispose() => _database.Dispose();
}
