using System.Data.Common;
using Attune.LmsAdapters;
using Attune.Silo.Database;
using Attune.Silo.Ingestion;
using Attune.Silo.Journal;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Connections.Identities;

/// <summary>
/// Re-keys events journaled under a name of a learner the identity map did not know yet (a logstore_xapi statement
/// sent with the <c>mbox</c> identity before any pull read the site's users): each becomes the event of the learner
/// the map now names, with the fact key the pull gives the same fact, so it meets its pulled twin as one event and the
/// history does not split. Idempotent: the new event is journaled first (a duplicate if the pull already has the fact),
/// then the old row and its share of the course projections are removed; a crash between the two is finished by the
/// next run, and a run with nothing left to re-key changes nothing.
/// </summary>
/// <remarks>
/// The grain of the old name keeps what it applied before the repair (grains never un-apply events); nothing reads
/// that learner again once its name resolves, since every door then maps to the learner the map names.
/// </remarks>
public sealed class IdentityRepairJob(EventJournal journal, LmsIdentityMap identities, EventIngestor ingestor, Jobs.JobLocks locks, ILogger<IdentityRepairJob> logger)
{
    private const char SkillSeparator = '\u001f';

    [JobDisplayName("Re-key the events of learners first seen by another name (tenant {0})")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string> RunAsync(string tenant, PerformContext? context, CancellationToken cancellationToken)
    {
        var outcome = await RepairAsync(new TenantId(tenant), cancellationToken);
        context?.SetJobParameter("Outcome", outcome);
        return outcome;
    }

    /// <summary>One repair of the tenant, unless one runs already (then that one does the work).</summary>
    public async Task<string> RepairAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        using var lease = locks.TryAcquire($"attune:identity-repair:{tenant.Value}");
        if (lease is null)
        {
            return $"Skipped: tenant {tenant.Value}'s identities are already being repaired.";
        }
        var moved = new List<(long Position, JournaledRow Row)>();
        var replacements = new List<LearningEvent>();
        foreach (var row in Unresolved(tenant))
        {
            if (identities.Find(tenant, row.Source, LmsIdentityKinds.Email, row.Learner) is not { } learner)
            {
                continue;
            }
            var key = LmsFactKey.Rekey(row.EventId, row.Learner, learner.Value);
            if (key == row.EventId)
            {
                // A key that does not name its learner cannot take a second row; removing this one would lose the fact.
                logger.LogWarning("Event {EventId} of {Source} names no learner in its key; it stays under {Learner}", row.EventId, row.Source, row.Learner);
                continue;
            }
            replacements.Add(new LearningEvent(
                key, learner, new ItemId(row.Item), new EventKind(row.Kind),
                row.OccurredAt, row.Course is null ? null : new CourseId(row.Course), row.Score, row.DurationSeconds,
                row.Skills.Select(s => new SkillId(s)).ToList(), row.Source));
            moved.Add((row.Position, row));
        }
        if (moved.Count == 0)
        {
            return "Nothing to re-key.";
        }
        var result = await ingestor.IngestAsync(tenant, replacements, cancellationToken);
        Remove(tenant, moved);
        logger.LogInformation("Re-keyed {Count} events of tenant {Tenant} to the learners the identity map names ({Duplicates} were already journaled)",
            moved.Count, tenant.Value, result.Duplicates);
        return $"Re-keyed {moved.Count} events ({result.Accepted} new under their learner, {result.Duplicates} already there).";
    }

    // Only mbox learners can be unresolved names: every other door maps a site's users by the site's own user id.
    private List<JournaledRow> Unresolved(TenantId tenant)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("""
            SELECT position, source, event_id, learner, item, course, kind, score, duration_s, occurred_at, skills
            FROM events WHERE tenant = @t AND learner LIKE 'mailto:%' ORDER BY position
            """);
        cmd.Add("@t", tenant.Value);
        var rows = new List<JournaledRow>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new JournaledRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7), reader.IsDBNull(8) ? null : reader.GetDouble(8),
                new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
                reader.IsDBNull(10) ? [] : reader.GetString(10).Split(SkillSeparator)));
        }
        return rows;
    }

    /// <summary>Removes the old rows and their share of the per-course projections ingestion maintains, in one transaction.</summary>
    private void Remove(TenantId tenant, List<(long Position, JournaledRow Row)> moved)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        foreach (var (position, _) in moved)
        {
            using var delete = connection.Command("DELETE FROM events WHERE position = @p AND tenant = @t", tx);
            delete.Add("@p", position).Add("@t", tenant.Value);
            delete.ExecuteNonQuery();
        }
        foreach (var learner in moved.Select(m => m.Row).Where(r => r.Course is not null).GroupBy(r => (r.Course!, r.Learner)))
        {
            var (course, name) = learner.Key;
            if (Exists(connection, tx, "SELECT 1 FROM events WHERE tenant = @t AND course = @c AND learner = @l", tenant, course, name))
            {
                continue;
            }
            foreach (var item in learner.GroupBy(r => r.Item))
            {
                using var engagement = connection.Command("""
                    UPDATE course_items_engagement SET learners = learners - 1, seconds = seconds - @s
                    WHERE tenant = @t AND course = @c AND item = @i
                      AND EXISTS (SELECT 1 FROM course_item_learners WHERE tenant = @t AND course = @c AND item = @i AND learner = @l)
                    """, tx);
                engagement.Add("@s", item.Sum(r => r.DurationSeconds ?? 0)).Add("@t", tenant.Value).Add("@c", course).Add("@i", item.Key).Add("@l", name);
                engagement.ExecuteNonQuery();
                using var itemLearner = connection.Command("DELETE FROM course_item_learners WHERE tenant = @t AND course = @c AND item = @i AND learner = @l", tx);
                itemLearner.Add("@t", tenant.Value).Add("@c", course).Add("@i", item.Key).Add("@l", name);
                itemLearner.ExecuteNonQuery();
            }
            using var courseLearner = connection.Command("DELETE FROM course_learners WHERE tenant = @t AND course = @c AND learner = @l", tx);
            courseLearner.Add("@t", tenant.Value).Add("@c", course).Add("@l", name);
            courseLearner.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static bool Exists(DbConnection connection, DbTransaction tx, string sql, TenantId tenant, string course, string learner)
    {
        using var cmd = connection.Command(sql, tx);
        cmd.Add("@t", tenant.Value).Add("@c", course).Add("@l", learner);
        return cmd.ExecuteScalar() is not null;
    }

    private sealed record JournaledRow(
        long Position, string Source, string EventId, string Learner, string Item, string? Course, string Kind,
        double? Score, double? DurationSeconds, DateTimeOffset OccurredAt, IReadOnlyList<string> Skills);
}
