using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Attune.Silo.Journal;

/// <summary>
/// The append-only event journal: the source of truth every learner grain, training run and evaluation reads.
/// </summary>
/// <remarks>
/// <para>Durability comes from SQLite in WAL mode with <c>synchronous=FULL</c>: an append completes only after
/// its transaction is on disk. Throughput comes from group commit: one writer drains every batch that is waiting,
/// writes them all in one transaction and completes them together, so N concurrent requests cost one fsync.</para>
/// <para>Each event gets the next sequence number of its (tenant, learner); the writer owns those counters, so
/// they need no locking. A redelivered (tenant, source, event id) is reported as a duplicate and changes nothing.</para>
/// <para>In the same transaction the writer maintains small per-course projections (which learners engaged with
/// which items, and for how long) that the popularity baseline reads, so they are exactly as durable as the events.</para>
/// </remarks>
public sealed class EventJournal : IAsyncDisposable
{
    private const char SkillSeparator = '\u001f';
    private const int MaxGroupEvents = 20_000;
    private const int MaxCachedLearners = 1_000_000;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly ILogger<EventJournal> _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(8192) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SqliteConnection _writeConnection;
    private readonly WriteCommands _commands;
    private readonly Task _writer;

    // Owned by the writer loop alone: last committed sequence per (tenant, learner), and this group's uncommitted ones.
    private readonly Dictionary<(string Tenant, string Learner), long> _committedSequences = new();
    private readonly Dictionary<(string Tenant, string Learner), long> _stagedSequences = new();

    public EventJournal(string databasePath, TimeProvider clock, ILogger<EventJournal> logger)
    {
        _clock = clock;
        _logger = logger;
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writeConnection = new SqliteConnection(_connectionString);
        _writeConnection.Open();
        Execute(_writeConnection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        JournalSchema.Migrate(_writeConnection);
        _commands = new WriteCommands(_writeConnection);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>A connection string for readers of the same database (pooled, WAL lets them run beside the writer).</summary>
    internal string ConnectionString => _connectionString;

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
    public List<JournalEntry> ReadLearner(TenantId tenant, LearnerId learner, long afterSequence, int limit = int.MaxValue)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT learner_seq, source, event_id, item, course, kind, score, duration_s, occurred_at, skills
            FROM events WHERE tenant = $t AND learner = $l AND learner_seq > $after
            ORDER BY learner_seq LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$l", learner.Value);
        cmd.Parameters.AddWithValue("$after", afterSequence);
        cmd.Parameters.AddWithValue("$limit", limit);
        var entries = new List<JournalEntry>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var skills = reader.IsDBNull(9) ? "" : reader.GetString(9);
            entries.Add(new JournalEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                new DateTime(reader.GetInt64(8), DateTimeKind.Utc),
                skills.Length == 0 ? [] : skills.Split(SkillSeparator)));
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
            FROM events WHERE tenant = $t AND position > $after ORDER BY position LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$after", afterPosition);
        cmd.Parameters.AddWithValue("$limit", limit);
        var events = new List<(long, LearningEvent)>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var skills = reader.IsDBNull(11) ? "" : reader.GetString(11);
            var entry = new JournalEntry(
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9),
                new DateTime(reader.GetInt64(10), DateTimeKind.Utc),
                skills.Length == 0 ? [] : skills.Split(SkillSeparator));
            events.Add((reader.GetInt64(0), entry.ToLearningEvent(new LearnerId(reader.GetString(1)))));
        }
        return events;
    }

    /// <summary>The tenant's newest journal position, 0 when it has no events.</summary>
    public long LastPosition(TenantId tenant)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events WHERE tenant = $t";
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>How many events the tenant has journaled up to a position.</summary>
    public long CountTenant(TenantId tenant, long upToPosition = long.MaxValue)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM events WHERE tenant = $t AND position <= $p";
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$p", upToPosition);
        return (long)cmd.ExecuteScalar()!;
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
        cmd.CommandText = "SELECT position FROM events WHERE tenant = $t ORDER BY position LIMIT 1 OFFSET $n";
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$n", Math.Clamp((long)(count * fraction) - 1, 0, count - 1));
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>The learner's highest committed sequence, 0 when the journal has never seen them.</summary>
    public long LastSequence(TenantId tenant, LearnerId learner)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(learner_seq), 0) FROM events WHERE tenant = $t AND learner = $l";
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$l", learner.Value);
        return (long)cmd.ExecuteScalar()!;
    }

    internal SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _commands.Dispose();
        await _writeConnection.DisposeAsync();
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
        _stagedSequences.Clear();
        var recordedAt = _clock.GetUtcNow().UtcTicks;
        var results = new AppendOutcome[group.Count][];
        using (var tx = _writeConnection.BeginTransaction())
        {
            _commands.Enlist(tx);
            for (var g = 0; g < group.Count; g++)
            {
                results[g] = WriteBatch(group[g], recordedAt);
            }
            tx.Commit();
        }

        foreach (var (key, sequence) in _stagedSequences)
        {
            _committedSequences[key] = sequence;
        }
        if (_committedSequences.Count > MaxCachedLearners)
        {
            _committedSequences.Clear(); // cheap to rebuild: one index seek per learner
        }
        for (var g = 0; g < group.Count; g++)
        {
            group[g].Completion.TrySetResult(results[g]);
        }
    }

    private AppendOutcome[] WriteBatch(PendingAppend pending, long recordedAt)
    {
        var outcomes = new AppendOutcome[pending.Events.Count];
        for (var i = 0; i < pending.Events.Count; i++)
        {
            var e = pending.Events[i];
            var key = (pending.Tenant, e.Learner.Value);
            var sequence = NextSequence(key);
            var c = _commands;
            c.InsertEvent.Parameters["$tenant"].Value = pending.Tenant;
            c.InsertEvent.Parameters["$source"].Value = e.Source;
            c.InsertEvent.Parameters["$event_id"].Value = e.Id;
            c.InsertEvent.Parameters["$learner"].Value = e.Learner.Value;
            c.InsertEvent.Parameters["$seq"].Value = sequence;
            c.InsertEvent.Parameters["$item"].Value = e.Item.Value;
            c.InsertEvent.Parameters["$course"].Value = (object?)e.Course?.Value ?? DBNull.Value;
            c.InsertEvent.Parameters["$kind"].Value = e.Kind.Name;
            c.InsertEvent.Parameters["$score"].Value = (object?)e.Score ?? DBNull.Value;
            c.InsertEvent.Parameters["$duration"].Value = (object?)e.DurationSeconds ?? DBNull.Value;
            c.InsertEvent.Parameters["$occurred"].Value = e.Timestamp.UtcTicks;
            c.InsertEvent.Parameters["$skills"].Value = e.Skills.Count == 0
                ? DBNull.Value
                : string.Join(SkillSeparator, e.Skills.Select(s => s.Value));
            c.InsertEvent.Parameters["$recorded"].Value = recordedAt;
            if (c.InsertEvent.ExecuteNonQuery() == 0)
            {
                outcomes[i] = AppendOutcome.AlreadyJournaled;
                continue;
            }
            _stagedSequences[key] = sequence;
            outcomes[i] = new AppendOutcome(false, sequence);
            if (e.Course is { } course)
            {
                Project(pending.Tenant, course.Value, e);
            }
        }
        return outcomes;
    }

    /// <summary>Keeps the per-course engagement counts the popularity baseline ranks by.</summary>
    private void Project(string tenant, string course, LearningEvent e)
    {
        var c = _commands;
        c.InsertCourseLearner.Parameters["$tenant"].Value = tenant;
        c.InsertCourseLearner.Parameters["$course"].Value = course;
        c.InsertCourseLearner.Parameters["$learner"].Value = e.Learner.Value;
        c.InsertCourseLearner.ExecuteNonQuery();

        c.InsertItemLearner.Parameters["$tenant"].Value = tenant;
        c.InsertItemLearner.Parameters["$course"].Value = course;
        c.InsertItemLearner.Parameters["$item"].Value = e.Item.Value;
        c.InsertItemLearner.Parameters["$learner"].Value = e.Learner.Value;
        var newLearner = c.InsertItemLearner.ExecuteNonQuery() == 1;
        var seconds = e.DurationSeconds ?? 0;
        if (!newLearner && seconds == 0)
        {
            return;
        }
        c.UpsertEngagement.Parameters["$tenant"].Value = tenant;
        c.UpsertEngagement.Parameters["$course"].Value = course;
        c.UpsertEngagement.Parameters["$item"].Value = e.Item.Value;
        c.UpsertEngagement.Parameters["$learners"].Value = newLearner ? 1 : 0;
        c.UpsertEngagement.Parameters["$seconds"].Value = seconds;
        c.UpsertEngagement.ExecuteNonQuery();
    }

    private long NextSequence((string Tenant, string Learner) key)
    {
        if (_stagedSequences.TryGetValue(key, out var staged))
        {
            return staged + 1;
        }
        if (!_committedSequences.TryGetValue(key, out var committed))
        {
            var cmd = _commands.MaxSequence;
            cmd.Parameters["$tenant"].Value = key.Tenant;
            cmd.Parameters["$learner"].Value = key.Learner;
            committed = (long)cmd.ExecuteScalar()!;
            _committedSequences[key] = committed;
        }
        return committed + 1;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private sealed class PendingAppend(string tenant, IReadOnlyList<LearningEvent> events)
    {
        public string Tenant { get; } = tenant;
        public IReadOnlyList<LearningEvent> Events { get; } = events;
        public TaskCompletionSource<AppendOutcome[]> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writer's prepared statements, created once and re-bound per event.</summary>
    private sealed class WriteCommands : IDisposable
    {
        public WriteCommands(SqliteConnection connection)
        {
            InsertEvent = Prepare(connection, """
                INSERT INTO events (tenant, source, event_id, learner, learner_seq, item, course, kind, score,
                                    duration_s, occurred_at, skills, recorded_at)
                VALUES ($tenant, $source, $event_id, $learner, $seq, $item, $course, $kind, $score,
                        $duration, $occurred, $skills, $recorded)
                ON CONFLICT (tenant, source, event_id) DO NOTHING
                """, "$tenant", "$source", "$event_id", "$learner", "$seq", "$item", "$course", "$kind", "$score",
                "$duration", "$occurred", "$skills", "$recorded");
            MaxSequence = Prepare(connection,
                "SELECT COALESCE(MAX(learner_seq), 0) FROM events WHERE tenant = $tenant AND learner = $learner",
                "$tenant", "$learner");
            InsertCourseLearner = Prepare(connection,
                "INSERT INTO course_learners (tenant, course, learner) VALUES ($tenant, $course, $learner) ON CONFLICT DO NOTHING",
                "$tenant", "$course", "$learner");
            InsertItemLearner = Prepare(connection, """
                INSERT INTO course_item_learners (tenant, course, item, learner) VALUES ($tenant, $course, $item, $learner)
                ON CONFLICT DO NOTHING
                """, "$tenant", "$course", "$item", "$learner");
            UpsertEngagement = Prepare(connection, """
                INSERT INTO course_items_engagement (tenant, course, item, learners, seconds)
                VALUES ($tenant, $course, $item, $learners, $seconds)
                ON CONFLICT (tenant, course, item) DO UPDATE SET
                    learners = learners + excluded.learners,
                    seconds = seconds + excluded.seconds
                """, "$tenant", "$course", "$item", "$learners", "$seconds");
        }

        public SqliteCommand InsertEvent { get; }
        public SqliteCommand MaxSequence { get; }
        public SqliteCommand InsertCourseLearner { get; }
        public SqliteCommand InsertItemLearner { get; }
        public SqliteCommand UpsertEngagement { get; }

        private IEnumerable<SqliteCommand> All => [InsertEvent, MaxSequence, InsertCourseLearner, InsertItemLearner, UpsertEngagement];

        public void Enlist(SqliteTransaction tx)
        {
            foreach (var cmd in All)
            {
                cmd.Transaction = tx;
            }
        }

        public void Dispose()
        {
            foreach (var cmd in All)
            {
                cmd.Dispose();
            }
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var p in parameters)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
            }
            return cmd;
        }
    }
}
