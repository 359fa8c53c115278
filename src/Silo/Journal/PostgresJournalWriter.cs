using Npgsql;
using NpgsqlTypes;

namespace Attune.Silo.Journal;

/// <summary>
/// The PostgreSQL write path, safe with any number of silos writing at once. A group is written set-wise in one
/// transaction with a handful of statements whatever its size (arrays bound as parameters and <c>unnest</c>ed):
/// <list type="number">
/// <item>take a transaction-scoped advisory lock per (tenant, learner) of the group, in a fixed order, so two silos
/// never number one learner's events concurrently and never deadlock on each other;</item>
/// <item>read which events are already journaled, and each learner's highest sequence (under the lock, exact);</item>
/// <item>insert the new events with consecutive sequences, then the per-course projections (shared per-item totals in key order).</item>
/// </list>
/// A deadlock or serialization failure (or a duplicate racing in for another learner) rolls the group back and
/// it is written again; nothing is acknowledged before the commit.
/// </summary>
internal sealed class PostgresJournalWriter(NpgsqlDataSource dataSource) : IJournalWriter
{
    private const int MaxAttempts = 5;

    public AppendOutcome[][] WriteGroup(IReadOnlyList<PendingAppend> group, long recordedAt)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return TryWriteGroup(group, recordedAt);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                Thread.Sleep(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    public void Dispose()
    {
    }

    private static bool IsTransient(Exception ex) =>
        ex is RaceLostException ||
        ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private AppendOutcome[][] TryWriteGroup(IReadOnlyList<PendingAppend> group, long recordedAt)
    {
        // Flatten the group; a repeat of an (tenant, source, id) within the group is a duplicate like any other.
        var rows = new List<Row>();
        var results = new AppendOutcome[group.Count][];
        var seen = new HashSet<(string, string, string)>();
        for (var g = 0; g < group.Count; g++)
        {
            var pending = group[g];
            results[g] = new AppendOutcome[pending.Events.Count];
            for (var i = 0; i < pending.Events.Count; i++)
            {
                var e = pending.Events[i];
                if (seen.Add((pending.Tenant, e.Source, e.Id)))
                {
                    rows.Add(new Row(g, i, pending.Tenant, e));
                }
                else
                {
                    results[g][i] = AppendOutcome.AlreadyJournaled;
                }
            }
        }

        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        var learners = rows.Select(r => (r.Tenant, r.Event.Learner.Value)).Distinct().ToArray();
        LockLearners(connection, tx, learners);
        var existing = AlreadyJournaled(connection, tx, rows);
        var sequences = HighestSequences(connection, tx, learners);

        var fresh = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            if (existing.Contains((row.Tenant, row.Event.Source, row.Event.Id)))
            {
                results[row.Batch][row.Index] = AppendOutcome.AlreadyJournaled;
                continue;
            }
            var key = (row.Tenant, row.Event.Learner.Value);
            var sequence = sequences.GetValueOrDefault(key) + 1;
            sequences[key] = sequence;
            row.Sequence = sequence;
            results[row.Batch][row.Index] = new AppendOutcome(false, sequence);
            fresh.Add(row);
        }
        if (fresh.Count > 0)
        {
            InsertEvents(connection, tx, fresh, recordedAt);
            Project(connection, tx, fresh);
        }
        tx.Commit();
        return results;
    }

    private static void LockLearners(NpgsqlConnection connection, NpgsqlTransaction tx, (string Tenant, string Learner)[] learners)
    {
        // Sorted keys: every writer takes its locks in the same order, so writers wait for each other but never deadlock.
        var keys = learners.Select(k => Database.AdvisoryLockKey.Of(k.Tenant, k.Learner)).Distinct().Order().ToArray();
        using var cmd = new NpgsqlCommand("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(@keys) AS k", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys });
        cmd.ExecuteScalar();
    }

    private static HashSet<(string, string, string)> AlreadyJournaled(NpgsqlConnection connection, NpgsqlTransaction tx, List<Row> rows)
    {
        using var cmd = new NpgsqlCommand("""
            SELECT e.tenant, e.source, e.event_id
            FROM unnest(@tenants, @sources, @ids) AS k(tenant, source, event_id)
            JOIN events e ON e.tenant = k.tenant AND e.source = k.source AND e.event_id = k.event_id
            """, connection, tx);
        cmd.Parameters.Add(Text("tenants", rows.Select(r => r.Tenant)));
        cmd.Parameters.Add(Text("sources", rows.Select(r => r.Event.Source)));
        cmd.Parameters.Add(Text("ids", rows.Select(r => r.Event.Id)));
        var existing = new HashSet<(string, string, string)>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            existing.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return existing;
    }

    private static Dictionary<(string, string), long> HighestSequences(NpgsqlConnection connection, NpgsqlTransaction tx, (string Tenant, string Learner)[] learners)
    {
        using var cmd = new NpgsqlCommand("""
            SELECT k.tenant, k.learner,
                   (SELECT max(e.learner_seq) FROM events e WHERE e.tenant = k.tenant AND e.learner = k.learner)
            FROM unnest(@tenants, @learners) AS k(tenant, learner)
            """, connection, tx);
        cmd.Parameters.Add(Text("tenants", learners.Select(l => l.Tenant)));
        cmd.Parameters.Add(Text("learners", learners.Select(l => l.Learner)));
        var sequences = new Dictionary<(string, string), long>(learners.Length);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            sequences[(reader.GetString(0), reader.GetString(1))] = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
        }
        return sequences;
    }

    private static void InsertEvents(NpgsqlConnection connection, NpgsqlTransaction tx, List<Row> rows, long recordedAt)
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO events (tenant, source, event_id, learner, learner_seq, item, course, kind, score,
                                duration_s, occurred_at, skills, recorded_at)
            SELECT k.tenant, k.source, k.event_id, k.learner, k.seq, k.item, k.course, k.kind, k.score,
                   k.duration, k.occurred, k.skills, @recorded
            FROM unnest(@tenants, @sources, @ids, @learners, @seqs, @items, @courses, @kinds, @scores, @durations, @occurred, @skills)
                 WITH ORDINALITY AS k(tenant, source, event_id, learner, seq, item, course, kind, score, duration, occurred, skills, n)
            ORDER BY k.n
            ON CONFLICT (tenant, source, event_id) DO NOTHING
            """, connection, tx);
        cmd.Parameters.Add(Text("tenants", rows.Select(r => r.Tenant)));
        cmd.Parameters.Add(Text("sources", rows.Select(r => r.Event.Source)));
        cmd.Parameters.Add(Text("ids", rows.Select(r => r.Event.Id)));
        cmd.Parameters.Add(Text("learners", rows.Select(r => r.Event.Learner.Value)));
        cmd.Parameters.Add(Array("seqs", NpgsqlDbType.Bigint, rows.Select(r => r.Sequence).ToArray()));
        cmd.Parameters.Add(Text("items", rows.Select(r => r.Event.Item.Value)));
        cmd.Parameters.Add(Text("courses", rows.Select(r => r.Event.Course?.Value)));
        cmd.Parameters.Add(Text("kinds", rows.Select(r => r.Event.Kind.Name)));
        cmd.Parameters.Add(Array("scores", NpgsqlDbType.Double, rows.Select(r => r.Event.Score).ToArray()));
        cmd.Parameters.Add(Array("durations", NpgsqlDbType.Double, rows.Select(r => r.Event.DurationSeconds).ToArray()));
        cmd.Parameters.Add(Array("occurred", NpgsqlDbType.Bigint, rows.Select(r => r.Event.Timestamp.UtcTicks).ToArray()));
        cmd.Parameters.Add(Text("skills", rows.Select(r => JournalColumns.JoinSkills(r.Event) as string)));
        cmd.Parameters.AddWithValue("recorded", recordedAt);
        var inserted = cmd.ExecuteNonQuery();
        if (inserted != rows.Count)
        {
            // The same (source, id) arrived for another learner from another silo between our check and our insert.
            throw new RaceLostException();
        }
    }

    /// <summary>
    /// The per-course engagement projections, in the same transaction as the events. Rows keyed by learner need no
    /// order (their learners' locks are held); the per-item totals, which any writer may touch, are written in key order.
    /// </summary>
    private static void Project(NpgsqlConnection connection, NpgsqlTransaction tx, List<Row> rows)
    {
        var engaged = rows.Where(r => r.Event.Course is not null).ToList();
        if (engaged.Count == 0)
        {
            return;
        }
        var courseLearners = engaged.Select(r => (r.Tenant, Course: r.Event.Course?.Value!, Learner: r.Event.Learner.Value))
            .Distinct().ToList();
        using (var cmd = new NpgsqlCommand("""
            INSERT INTO course_learners (tenant, course, learner)
            SELECT * FROM unnest(@tenants, @courses, @learners) ON CONFLICT DO NOTHING
            """, connection, tx))
        {
            cmd.Parameters.Add(Text("tenants", courseLearners.Select(k => k.Tenant)));
            cmd.Parameters.Add(Text("courses", courseLearners.Select(k => k.Course)));
            cmd.Parameters.Add(Text("learners", courseLearners.Select(k => k.Learner)));
            cmd.ExecuteNonQuery();
        }

        var itemLearners = engaged.Select(r => (r.Tenant, Course: r.Event.Course?.Value!, Item: r.Event.Item.Value, Learner: r.Event.Learner.Value))
            .Distinct().ToList();
        var newLearners = new Dictionary<(string, string, string), long>();
        using (var cmd = new NpgsqlCommand("""
            INSERT INTO course_item_learners (tenant, course, item, learner)
            SELECT * FROM unnest(@tenants, @courses, @items, @learners) ON CONFLICT DO NOTHING
            RETURNING tenant, course, item
            """, connection, tx))
        {
            cmd.Parameters.Add(Text("tenants", itemLearners.Select(k => k.Tenant)));
            cmd.Parameters.Add(Text("courses", itemLearners.Select(k => k.Course)));
            cmd.Parameters.Add(Text("items", itemLearners.Select(k => k.Item)));
            cmd.Parameters.Add(Text("learners", itemLearners.Select(k => k.Learner)));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                newLearners[key] = newLearners.GetValueOrDefault(key) + 1;
            }
        }

        var seconds = new Dictionary<(string, string, string), double>();
        foreach (var r in engaged)
        {
            var key = (r.Tenant, r.Event.Course?.Value!, r.Event.Item.Value);
            seconds[key] = seconds.GetValueOrDefault(key) + (r.Event.DurationSeconds ?? 0);
        }
        var changes = seconds.Keys.Where(k => newLearners.ContainsKey(k) || seconds[k] != 0)
            .OrderBy(k => k, KeyOrder.Instance).ToList();
        if (changes.Count == 0)
        {
            return;
        }
        using (var cmd = new NpgsqlCommand("""
            INSERT INTO course_items_engagement AS c (tenant, course, item, learners, seconds)
            SELECT * FROM unnest(@tenants, @courses, @items, @learners, @seconds)
            ON CONFLICT (tenant, course, item) DO UPDATE SET
                learners = c.learners + excluded.learners,
                seconds = c.seconds + excluded.seconds
            """, connection, tx))
        {
            cmd.Parameters.Add(Text("tenants", changes.Select(k => k.Item1)));
            cmd.Parameters.Add(Text("courses", changes.Select(k => k.Item2)));
            cmd.Parameters.Add(Text("items", changes.Select(k => k.Item3)));
            cmd.Parameters.Add(Array("learners", NpgsqlDbType.Bigint, changes.Select(k => newLearners.GetValueOrDefault(k)).ToArray()));
            cmd.Parameters.Add(Array("seconds", NpgsqlDbType.Double, changes.Select(k => seconds[k]).ToArray()));
            cmd.ExecuteNonQuery();
        }
    }

    private static NpgsqlParameter Text(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static NpgsqlParameter Array(string name, NpgsqlDbType type, object values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values };

    private sealed class Row(int batch, int index, string tenant, LearningEvent e)
    {
        public int Batch { get; } = batch;
        public int Index { get; } = index;
        public string Tenant { get; } = tenant;
        public LearningEvent Event { get; } = e;
        public long Sequence { get; set; }
    }

    private sealed class RaceLostException() : Exception("A duplicate event was journaled concurrently; the group is written again.");

    /// <summary>Ordinal ordering of key tuples, the same in every silo.</summary>
    private sealed class KeyOrder : IComparer<(string, string, string)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string, string, string) x, (string, string, string) y)
        {
            var c = string.CompareOrdinal(x.Item1, y.Item1);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Item2, y.Item2);
            }
            return c != 0 ? c : string.CompareOrdinal(x.Item3, y.Item3);
        }
    }
}
