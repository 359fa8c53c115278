using Attune.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Bench;

/// <summary>
/// The baseline the group commit is measured against: exactly the SQL <see cref="EventJournal"/> runs per event
/// (insert, per-course projections, sequence from a cache or one index seek), on the same schema and SQLite
/// settings, but each batch in a transaction of its own, so every batch pays its own fsync.
/// </summary>
/// <remarks>
/// Writers take turns at a gate, as they would at SQLite's write lock; the gate only avoids busy-retry noise.
/// The SQL is copied from EventJournal's WriteCommands: if that changes, change this with it.
/// </remarks>
public sealed class OneTransactionPerBatchJournal : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string, string), long> _sequences = new();
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _maxSequence;
    private readonly SqliteCommand _insertCourseLearner;
    private readonly SqliteCommand _insertItemLearner;
    private readonly SqliteCommand _upsertEngagement;

    public OneTransactionPerBatchJournal(string databasePath)
    {
        // The journal's own constructor creates and migrates the file, so the schema and indexes are the real ones.
        new EventJournal(databasePath, TimeProvider.System, NullLogger<EventJournal>.Instance).DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            pragmas.ExecuteNonQuery();
        }
        _insertEvent = Prepare("""
            INSERT INTO events (tenant, source, event_id, learner, learner_seq, item, course, kind, score,
                                duration_s, occurred_at, skills, recorded_at)
            VALUES ($tenant, $source, $event_id, $learner, $seq, $item, $course, $kind, $score,
                    $duration, $occurred, $skills, $recorded)
            ON CONFLICT (tenant, source, event_id) DO NOTHING
            """, "$tenant", "$source", "$event_id", "$learner", "$seq", "$item", "$course", "$kind", "$score",
            "$duration", "$occurred", "$skills", "$recorded");
        _maxSequence = Prepare("SELECT COALESCE(MAX(learner_seq), 0) FROM events WHERE tenant = $tenant AND learner = $learner",
            "$tenant", "$learner");
        _insertCourseLearner = Prepare(
            "INSERT INTO course_learners (tenant, course, learner) VALUES ($tenant, $course, $learner) ON CONFLICT DO NOTHING",
            "$tenant", "$course", "$learner");
        _insertItemLearner = Prepare("""
            INSERT INTO course_item_learners (tenant, course, item, learner) VALUES ($tenant, $course, $item, $learner)
            ON CONFLICT DO NOTHING
            """, "$tenant", "$course", "$item", "$learner");
        _upsertEngagement = Prepare("""
            INSERT INTO course_items_engagement (tenant, course, item, learners, seconds)
            VALUES ($tenant, $course, $item, $learners, $seconds)
            ON CONFLICT (tenant, course, item) DO UPDATE SET
                learners = learners + excluded.learners,
                seconds = seconds + excluded.seconds
            """, "$tenant", "$course", "$item", "$learners", "$seconds");
    }

    public async Task<BatchOutcome> AppendAsync(string tenant, LearningEvent[] events)
    {
        await _gate.WaitAsync();
        try
        {
            var staged = new Dictionary<(string, string), long>();
            var accepted = 0;
            using (var tx = _connection.BeginTransaction())
            {
                foreach (var cmd in new[] { _insertEvent, _maxSequence, _insertCourseLearner, _insertItemLearner, _upsertEngagement })
                {
                    cmd.Transaction = tx;
                }
                var recordedAt = DateTime.UtcNow.Ticks;
                foreach (var e in events)
                {
                    var key = (tenant, e.Learner.Value);
                    var sequence = (staged.TryGetValue(key, out var s) ? s : Committed(key)) + 1;
                    var p = _insertEvent.Parameters;
                    p["$tenant"].Value = tenant;
                    p["$source"].Value = e.Source;
                    p["$event_id"].Value = e.Id;
                    p["$learner"].Value = e.Learner.Value;
                    p["$seq"].Value = sequence;
                    p["$item"].Value = e.Item.Value;
                    p["$course"].Value = (object?)e.Course?.Value ?? DBNull.Value;
                    p["$kind"].Value = e.Kind.Name;
                    p["$score"].Value = (object?)e.Score ?? DBNull.Value;
                    p["$duration"].Value = (object?)e.DurationSeconds ?? DBNull.Value;
                    p["$occurred"].Value = e.Timestamp.UtcTicks;
                    p["$skills"].Value = e.Skills.Count == 0 ? DBNull.Value : string.Join('\u001f', e.Skills.Select(k => k.Value));
                    p["$recorded"].Value = recordedAt;
                    if (_insertEvent.ExecuteNonQuery() == 0)
                    {
                        continue;
                    }
                    staged[key] = sequence;
                    accepted++;
                    if (e.Course is { } course)
                    {
                        Project(tenant, course.Value, e);
                    }
                }
                tx.Commit();
            }
            foreach (var (key, sequence) in staged)
            {
                _sequences[key] = sequence;
            }
            return new BatchOutcome(accepted, events.Length - accepted);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var cmd in new[] { _insertEvent, _maxSequence, _insertCourseLearner, _insertItemLearner, _upsertEngagement })
        {
            cmd.Dispose();
        }
        _connection.Dispose();
        _gate.Dispose();
    }

    private long Committed((string Tenant, string Learner) key)
    {
        if (!_sequences.TryGetValue(key, out var committed))
        {
            _maxSequence.Parameters["$tenant"].Value = key.Tenant;
            _maxSequence.Parameters["$learner"].Value = key.Learner;
            committed = (long)_maxSequence.ExecuteScalar()!;
            _sequences[key] = committed;
        }
        return committed;
    }

    private void Project(string tenant, string course, LearningEvent e)
    {
        _insertCourseLearner.Parameters["$tenant"].Value = tenant;
        _insertCourseLearner.Parameters["$course"].Value = course;
        _insertCourseLearner.Parameters["$learner"].Value = e.Learner.Value;
        _insertCourseLearner.ExecuteNonQuery();

        _insertItemLearner.Parameters["$tenant"].Value = tenant;
        _insertItemLearner.Parameters["$course"].Value = course;
        _insertItemLearner.Parameters["$item"].Value = e.Item.Value;
        _insertItemLearner.Parameters["$learner"].Value = e.Learner.Value;
        var newLearner = _insertItemLearner.ExecuteNonQuery() == 1;
        var seconds = e.DurationSeconds ?? 0;
        if (!newLearner && seconds == 0)
        {
            return;
        }
        _upsertEngagement.Parameters["$tenant"].Value = tenant;
        _upsertEngagement.Parameters["$course"].Value = course;
        _upsertEngagement.Parameters["$item"].Value = e.Item.Value;
        _upsertEngagement.Parameters["$learners"].Value = newLearner ? 1 : 0;
        _upsertEngagement.Parameters["$seconds"].Value = seconds;
        _upsertEngagement.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
        }
        return cmd;
    }
}
