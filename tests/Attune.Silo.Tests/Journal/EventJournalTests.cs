using Attune.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Silo.Tests.Journal;

public sealed class EventJournalTests : IDisposable
{
    private static readonly TenantId Uni = new("uni");
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "journal.db");

    private EventJournal Open() => new(DatabasePath, TimeProvider.System, NullLogger<EventJournal>.Instance);

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

    [Fact]
    public async Task JournalRunsInWalModeAndRecordsItsSchemaVersion()
    {
        await using var journal = Open();
        using var connection = journal.OpenReader();
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

    public void Dispose() => _folder.Dispose();
}
