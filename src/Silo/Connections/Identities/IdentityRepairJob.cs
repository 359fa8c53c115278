using System.Data.Common;
using Attune.LmsAdapters;
using Attune.Silo.Database;
using Attune.Silo.Ingestion;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Connections.Identities;

/// <summary>
/// Re-keys events journaled before Attune knew whose or which site's they were, so a history never splits:
/// <list type="bullet">
/// <item>statements journaled under the generic xAPI source (<c>xapi</c>) whose activities are pages of a site the
/// tenant is now connected to (sent before the connection existed, without a platform marker, or by a build that did
/// not place statements by site): each becomes the event the site's profile maps the statement to, with the site's
/// source, item, course, learner and fact key;</item>
/// <item>events of a site journaled under a name of a learner the identity map did not know yet (a logstore_xapi
/// statement sent with the <c>mbox</c> identity before any pull read the site's users): each becomes the event of the
/// learner the map now names.</item>
/// </list>
/// A re-keyed event has the key its pulled or pushed twin has, so where the twin is journaled already the two are one
/// event. The learners whose journal changed, under their old name and their new, are marked first; then the new events
/// are journaled (a duplicate where the twin is there), then the old rows and their share of the course projections
/// are removed in one transaction, then each marked learner's grain rebuilds its state from the journal and the mark
/// is cleared. Idempotent: a crash anywhere is finished by the next run (old rows are found again and their new events
/// are duplicates; marks left behind are rebuilt), and a run with nothing to re-key changes nothing.
/// </summary>
public sealed class IdentityRepairJob(
    EventJournal journal, LmsIdentityMap identities, ConnectedXapiSites sites, EventIngestor ingestor, IGrainFactory grains,
    Jobs.JobLocks locks, TimeProvider clock, ILogger<IdentityRepairJob> logger)
{
    /// <summary>The source the xAPI door journals statements of no known site under.</summary>
    public const string GenericXapiSource = "xapi";

    private const char SkillSeparator = '\u001f';
    private const int BatchSize = 1000;

    [JobDisplayName("Re-key events journaled before their site or learner was known (tenant {0})")]
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
        var moved = new List<JournaledRow>();
        var replacements = new List<LearningEvent>();
        PlanSites(tenant, moved, replacements);
        PlanLearners(tenant, moved, replacements);

        long accepted = 0, duplicates = 0;
        if (moved.Count > 0)
        {
            Mark(tenant, moved.Select(r => r.Learner).Concat(replacements.Select(e => e.Learner.Value)));
            for (var start = 0; start < replacements.Count; start += BatchSize)
            {
                var result = await ingestor.IngestAsync(tenant, replacements.GetRange(start, Math.Min(BatchSize, replacements.Count - start)), cancellationToken);
                accepted += result.Accepted;
                duplicates += result.Duplicates;
            }
            Remove(tenant, moved);
            logger.LogInformation("Re-keyed {Count} events of tenant {Tenant} ({Accepted} new under their site and learner, {Duplicates} already journaled)",
                moved.Count, tenant.Value, accepted, duplicates);
        }
        var rebuilt = await RebuildMarkedAsync(tenant);
        return moved.Count == 0 && rebuilt == 0
            ? "Nothing to re-key."
            : $"Re-keyed {moved.Count} events ({accepted} new under their site and learner, {duplicates} already there); {rebuilt} learners rebuilt from the journal.";
    }

    /// <summary>Statements of the generic xAPI source whose activity is a page of a connected site, as that site's profile maps them.</summary>
    private void PlanSites(TenantId tenant, List<JournaledRow> moved, List<LearningEvent> replacements)
    {
        foreach (var (site, profile) in sites.Sites(tenant, identities.For(tenant)))
        {
            // Only rows whose item is an IRI of the site's host are read (LIKE narrows, the profile decides).
            var host = site.Url.Authority + site.Url.AbsolutePath.TrimEnd('/');
            foreach (var row in Read(tenant, "source = @s AND (item LIKE @http OR item LIKE @https)",
                         ("@s", GenericXapiSource), ("@http", $"http://{host}%"), ("@https", $"https://{host}%")))
            {
                if (profile.Rekey(row.ToEvent()) is { } rekeyed)
                {
                    moved.Add(row);
                    replacements.Add(rekeyed);
                }
            }
        }
    }

    /// <summary>Events of a site under an email the identity map now resolves.</summary>
    private void PlanLearners(TenantId tenant, List<JournaledRow> moved, List<LearningEvent> replacements)
    {
        var planned = moved.Select(r => r.Position).ToHashSet();
        foreach (var row in Read(tenant, "learner LIKE 'mailto:%' AND source <> @s", ("@s", GenericXapiSource)))
        {
            if (planned.Contains(row.Position) || identities.Find(tenant, row.Source, LmsIdentityKinds.Email, row.Learner) is not { } learner)
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
            var e = row.ToEvent();
            moved.Add(row);
            replacements.Add(new LearningEvent(key, learner, e.Item, e.Kind, e.Timestamp, e.Course, e.Score, e.DurationSeconds, e.Skills, e.Source));
        }
    }

    private List<JournaledRow> Read(TenantId tenant, string where, params (string Name, object Value)[] parameters)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command($"""
            SELECT position, source, event_id, learner, item, course, kind, score, duration_s, occurred_at, skills
            FROM events WHERE tenant = @t AND {where} ORDER BY position
            """);
        cmd.Add("@t", tenant.Value);
        foreach (var (name, value) in parameters)
        {
            cmd.Add(name, value);
        }
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

    /// <summary>Marks learners for a rebuild before their journal changes, so a crash after the change still rebuilds them.</summary>
    private void Mark(TenantId tenant, IEnumerable<string> learners)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        var now = clock.GetUtcNow().UtcTicks;
        foreach (var learner in learners.Distinct(StringComparer.Ordinal))
        {
            using var cmd = connection.Command("INSERT INTO learner_rebuilds (tenant, learner, requested_at) VALUES (@t, @l, @now) ON CONFLICT DO NOTHING", tx);
            cmd.Add("@t", tenant.Value).Add("@l", learner).Add("@now", now);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Rebuilds every marked learner's grain from the journal, clearing each mark once its rebuild is done.</summary>
    private async Task<int> RebuildMarkedAsync(TenantId tenant)
    {
        var marked = new List<string>();
        using (var connection = journal.Database.Open())
        using (var cmd = connection.Command("SELECT learner FROM learner_rebuilds WHERE tenant = @t ORDER BY learner"))
        {
            cmd.Add("@t", tenant.Value);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                marked.Add(reader.GetString(0));
            }
        }
        foreach (var learner in marked)
        {
            // A failure leaves the mark: the job fails, Hangfire retries it, and the next run rebuilds what is left.
            await grains.GetLearner(tenant, new LearnerId(learner)).RebuildAsync();
            using var connection = journal.Database.Open();
            using var cmd = connection.Command("DELETE FROM learner_rebuilds WHERE tenant = @t AND learner = @l");
            cmd.Add("@t", tenant.Value).Add("@l", learner);
            cmd.ExecuteNonQuery();
        }
        return marked.Count;
    }

    /// <summary>
    /// Removes the old rows and their share of the per-course projections ingestion maintains, in one transaction: time on
    /// task for every removed event, and a learner's place among an item's or a course's learners once none of their
    /// events is left there.
    /// </summary>
    private void Remove(TenantId tenant, List<JournaledRow> moved)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        foreach (var row in moved)
        {
            using var delete = connection.Command("DELETE FROM events WHERE position = @p AND tenant = @t", tx);
            delete.Add("@p", row.Position).Add("@t", tenant.Value);
            delete.ExecuteNonQuery();
        }
        var projected = moved.Where(r => r.Course is not null).ToList();
        foreach (var item in projected.GroupBy(r => (Course: r.Course!, r.Item)))
        {
            var seconds = item.Sum(r => r.DurationSeconds ?? 0);
            if (seconds != 0)
            {
                using var time = connection.Command("UPDATE course_items_engagement SET seconds = seconds - @s WHERE tenant = @t AND course = @c AND item = @i", tx);
                time.Add("@s", seconds).Add("@t", tenant.Value).Add("@c", item.Key.Course).Add("@i", item.Key.Item);
                time.ExecuteNonQuery();
            }
            foreach (var learner in item.Select(r => r.Learner).Distinct(StringComparer.Ordinal))
            {
                if (Exists(connection, tx, "SELECT 1 FROM events WHERE tenant = @t AND course = @c AND item = @i AND learner = @l",
                        ("@t", tenant.Value), ("@c", item.Key.Course), ("@i", item.Key.Item), ("@l", learner)))
                {
                    continue;
                }
                using var engagement = connection.Command("""
                    UPDATE course_items_engagement SET learners = learners - 1
                    WHERE tenant = @t AND course = @c AND item = @i
                      AND EXISTS (SELECT 1 FROM course_item_learners WHERE tenant = @t AND course = @c AND item = @i AND learner = @l)
                    """, tx);
                engagement.Add("@t", tenant.Value).Add("@c", item.Key.Course).Add("@i", item.Key.Item).Add("@l", learner);
                engagement.ExecuteNonQuery();
                using var itemLearner = connection.Command("DELETE FROM course_item_learners WHERE tenant = @t AND course = @c AND item = @i AND learner = @l", tx);
                itemLearner.Add("@t", tenant.Value).Add("@c", item.Key.Course).Add("@i", item.Key.Item).Add("@l", learner);
                itemLearner.ExecuteNonQuery();
            }
        }
        foreach (var (course, learner) in projected.Select(r => (r.Course!, r.Learner)).Distinct())
        {
            if (Exists(connection, tx, "SELECT 1 FROM events WHERE tenant = @t AND course = @c AND learner = @l",
                    ("@t", tenant.Value), ("@c", course), ("@l", learner)))
            {
                continue;
            }
            using var courseLearner = connection.Command("DELETE FROM course_learners WHERE tenant = @t AND course = @c AND learner = @l", tx);
            courseLearner.Add("@t", tenant.Value).Add("@c", course).Add("@l", learner);
            courseLearner.ExecuteNonQuery();
        }
        // An item no learner engaged with any more has no engagement row left to rank by.
        foreach (var item in projected.Select(r => (r.Course!, r.Item)).Distinct())
        {
            using var empty = connection.Command("DELETE FROM course_items_engagement WHERE tenant = @t AND course = @c AND item = @i AND learners <= 0", tx);
            empty.Add("@t", tenant.Value).Add("@c", item.Item1).Add("@i", item.Item);
            empty.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static bool Exists(DbConnection connection, DbTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.Command(sql, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Add(name, value);
        }
        return cmd.ExecuteScalar() is not null;
    }

    private sealed record JournaledRow(
        long Position, string Source, string EventId, string Learner, string Item, string? Course, string Kind,
        double? Score, double? DurationSeconds, DateTimeOffset OccurredAt, IReadOnlyList<string> Skills)
    {
        public LearningEvent ToEvent() => new(
            EventId, new LearnerId(Learner), new ItemId(Item), new EventKind(Kind), OccurredAt,
            Course is null ? null : new CourseId(Course), Score, DurationSeconds, Skills.Select(s => new SkillId(s)).ToList(), Source);
    }
}
