using Microsoft.Data.Sqlite;

namespace Attune.Silo.Journal;

/// <summary>
/// The SQLite write path. The writer is the only process writing the file, so it owns each learner's sequence counter
/// in memory (one index seek the first time a learner is seen) and writes event by event with prepared statements.
/// </summary>
internal sealed class SqliteJournalWriter : IJournalWriter
{
    private const int MaxCachedLearners = 1_000_000;

    private readonly SqliteConnection _connection;
    private readonly WriteCommands _commands;

    // Last committed sequence per (tenant, learner), and this group's uncommitted ones.
    private readonly Dictionary<(string Tenant, string Learner), long> _committedSequences = new();
    private readonly Dictionary<(string Tenant, string Learner), long> _stagedSequences = new();

    public SqliteJournalWriter(SqliteConnection connection)
    {
        _connection = connection;
        _commands = new WriteCommands(connection);
    }

    public AppendOutcome[][] WriteGroup(IReadOnlyList<PendingAppend> group, long recordedAt)
    {
        _stagedSequences.Clear();
        var results = new AppendOutcome[group.Count][];
        using (var tx = _connection.BeginTransaction())
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
        return results;
    }

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
    }

    private AppendOutcome[] WriteBatch(PendingAppend pending, long recordedAt)
    {
        var outcomes = new AppendOutcome[pending.Events.Count];
        var insert = _commands.InsertEvent.Parameters;
        for (var i = 0; i < pending.Events.Count; i++)
        {
            var e = pending.Events[i];
            var key = (pending.Tenant, e.Learner.Value);
            var sequence = NextSequence(key);
            insert["$tenant"].Value = pending.Tenant;
            insert["$source"].Value = e.Source;
            insert["$event_id"].Value = e.Id;
            insert["$learner"].Value = e.Learner.Value;
            insert["$seq"].Value = sequence;
            insert["$item"].Value = e.Item.Value;
            insert["$course"].Value = (object?)e.Course?.Value ?? DBNull.Value;
            insert["$kind"].Value = e.Kind.Name;
            insert["$score"].Value = (object?)e.Score ?? DBNull.Value;
            insert["$duration"].Value = (object?)e.DurationSeconds ?? DBNull.Value;
            insert["$occurred"].Value = e.Timestamp.UtcTicks;
            insert["$skills"].Value = JournalColumns.JoinSkills(e);
            insert["$recorded"].Value = recordedAt;
            if (_commands.InsertEvent.ExecuteNonQuery() == 0)
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
