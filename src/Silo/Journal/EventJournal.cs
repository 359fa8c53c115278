using System.Data.Common;
using System.Threading.Channels;
using Attune.Silo.Database;

namespace Attune.Silo.Journal;

/// <summary>
/// The append-only event journal: the source of truth every learner grain, training run and evaluation reads.
/// </summary>
/// <remarks>
/// <para>Durability comes from the database's commit: an append completes only after its transaction is on disk
/// (SQLite in WAL mode with <c>synchronous=FULL</c>, or PostgreSQL). Throughput comes from group commit: one writer
/// drains every batch that is waiting, writes them all in one transaction and completes them together, so N
/// concurrent requests cost one commit.</para>
/// <para>Each event gets the next sequence number of its (tenant, learner). A redelivered (tenant, source, event id)
/// is reported as a duplicate and changes nothing. How the numbering stays exact is the write path's business:
/// see <see cref="SqliteJournalWriter"/> (one process) and <see cref="PostgresJournalWriter"/> (many silos).</para>
/// <para>In the same transaction the writer maintains small per-course projections (which learners engaged with
/// which items, and for how long) that the popularity baseline reads, so they are exactly as durable as the events.</para>
/// </remarks>
public sealed class EventJournal : IAsyncDisposable
{
    private const int MaxGroupEvents = 20_000;

    private readonly TimeProvider _clock;
    private readonly ILogger<EventJournal> _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(8192) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IJournalWriter _journalWriter;
    private readonly bool _ownsDatabase;
    private readonly Task _writer;

    /// <summary>A journal in an embedded SQLite file (created and migrated if needed), which it owns.</summary>
    public EventJournal(string databasePath, TimeProvider clock, ILogger<EventJournal> logger)
        : this(new SqliteJournalDatabase(databasePath), clock, logger, ownsDatabase: true)
    {
    }

    /// <summary>A journal on <paramref name="database"/>; with <paramref name="ownsDatabase"/>, disposing the journal disposes it.</summary>
    public EventJournal(JournalDatabase database, TimeProvider clock, ILogger<EventJournal> logger, bool ownsDatabase = false)
    {
        Database = database;
        _clock = clock;
        _logger = logger;
        _ownsDatabase = ownsDatabase;
        _journalWriter = database.CreateWriter(clock);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The database the journal (and every store beside it) lives in.</summary>
    public JournalDatabase Database { get; }

    /// <summary>
    /// Appends a batch atomically and durably. Returns one outcome per event, in order, once the batch is on disk.
    /// </summary>
    public async Task<AppendOutcome[]> AppendAsync(TenantId tenant, IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var pending = new PendingAppend(tenant.Value, events);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // Not cancellable once queued: the writer may already be committing it, and the caller must learn the outcome.
        return await pending.Completion.Task;
    }

    /// <summary>The learner's events with sequence greater than <paramref name="afterSequence"/>, in sequence order.</summary>
    public List<JournalEntry> ReadLearner(TenantId tenant, LearnerId learner, long afterSequence, int limit = int.MaxValue) =>
        ReadLearnerAsync(tenant, learner, afterSequence, limit).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="ReadLearner"/>, without blocking the caller's thread on the database (grains call this: with
    /// PostgreSQL it is a network round trip).
    /// </summary>
    public async Task<List<JournalEntry>> ReadLearnerAsync(TenantId tenant, LearnerId learner, long afterSequence, int limit = int.MaxValue)
    {
        await using var connection = await Database.OpenAsync();
        await using var cmd = connection.Command("""
            SELECT learner_seq, source, event_id, item, course, kind, score, duration_s, occurred_at, skills
            FROM events WHERE tenant = @t AND learner = @l AND learner_seq > @after
            ORDER BY learner_seq LIMIT @limit
            """);
        cmd.Add("@t", tenant.Value).Add("@l", learner.Value).Add("@after", afterSequence).Add("@limit", limit);
        var entries = new List<JournalEntry>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadEntry(reader, 0));
        }
        return entries;
    }

    /// <summary>Up to <paramref name="limit"/> events of a tenant after journal position <paramref name="afterPosition"/>, in journal order.</summary>
    public List<(long Position, LearningEvent Event)> ReadTenant(TenantId tenant, long afterPosition, int limit)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT position, learner, learner_seq, source, event_id, item, course, kind, score, duration_s, occurred_at, skills
            FROM events WHERE tenant = @t AND position > @after ORDER BY position LIMIT @limit
            """;
        cmd.Add("@t", tenant.Value);
        cmd.Add("@after", afterPosition);
        cmd.Add("@limit", limit);
        var events = new List<(long, LearningEvent)>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            events.Add((reader.GetInt64(0), ReadEntry(reader, 2).ToLearningEvent(new LearnerId(reader.GetString(1)))));
        }
        return events;
    }

    /// <summary>The tenant's newest journal position, 0 when it has no events.</summary>
    public long LastPosition(TenantId tenant)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events WHERE tenant = @t";
        cmd.Add("@t", tenant.Value);
        return cmd.ScalarInt64() ?? 0;
    }

    /// <summary>How many events the tenant has journaled up to a position.</summary>
    public long CountTenant(TenantId tenant, long upToPosition = long.MaxValue)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM events WHERE tenant = @t AND position <= @p";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@p", upToPosition);
        return cmd.ScalarInt64() ?? 0;
    }

    /// <summary>
    /// The journal position below which <paramref name="fraction"/> of the tenant's events lie: the cut of a
    /// time-ordered holdout (journal order is arrival order). 0 when the tenant has no events.
    /// </summary>
    public long PositionAtFraction(TenantId tenant, double fraction)
    {
        var count = CountTenant(tenant);
        if (count == 0)
        {
            return 0;
        }
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT position FROM events WHERE tenant = @t ORDER BY position LIMIT 1 OFFSET @n";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@n", Math.Clamp((long)(count * fraction) - 1, 0, count - 1));
        return cmd.ScalarInt64() ?? 0;
    }

    /// <summary>The learner's highest committed sequence, 0 when the journal has never seen them.</summary>
    public long LastSequence(TenantId tenant, LearnerId learner) => LastSequenceAsync(tenant, learner).GetAwaiter().GetResult();

    /// <summary>As <see cref="LastSequence"/>, without blocking the caller's thread on the database.</summary>
    public async Task<long> LastSequenceAsync(TenantId tenant, LearnerId learner)
    {
        await using var connection = await Database.OpenAsync();
        await using var cmd = connection.Command("SELECT COALESCE(MAX(learner_seq), 0) FROM events WHERE tenant = @t AND learner = @l");
        cmd.Add("@t", tenant.Value).Add("@l", learner.Value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbConnection OpenReader() => Database.Open();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _journalWriter.Dispose();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var events = 0;
            while (events < MaxGroupEvents && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                events += next.Events.Count;
            }
            try
            {
                WriteGroup(group);
            }
            catch (Exception ex) when (group.Count > 1)
            {
                // Isolate the failure: one batch must not take the others down with it.
                _logger.LogWarning(ex, "Group commit of {Batches} batches failed; retrying them one by one", group.Count);
                foreach (var pending in group)
                {
                    try
                    {
                        WriteGroup([pending]);
                    }
                    catch (Exception single)
                    {
                        _logger.LogError(single, "Appending a batch of {Events} events failed", pending.Events.Count);
                        pending.Completion.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Appending a batch of {Events} events failed", group[0].Events.Count);
                group[0].Completion.TrySetException(ex);
            }
        }
    }

    private void WriteGroup(IReadOnlyList<PendingAppend> group)
    {
        var results = _journalWriter.WriteGroup(group, _clock.GetUtcNow().UtcTicks);
        for (var g = 0; g < group.Count; g++)
        {
            group[g].Completion.TrySetResult(results[g]);
        }
    }

    private static JournalEntry ReadEntry(DbDataReader reader, int first)
    {
        var skills = reader.IsDBNull(first + 9) ? "" : reader.GetString(first + 9);
        return new JournalEntry(
            reader.GetInt64(first),
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
            reader.GetString(first + 5),
            reader.IsDBNull(first + 6) ? null : reader.GetDouble(first + 6),
            reader.IsDBNull(first + 7) ? null : reader.GetDouble(first + 7),
            new DateTime(reader.GetInt64(first + 8), DateTimeKind.Utc),
            skills.Length == 0 ? [] : skills.Split(JournalColumns.SkillSeparator));
    }
}
