using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Connections;

/// <summary>
/// What LMS pushes carried that maps to no event kind (xAPI verbs such as Moodle's <c>registered</c> or
/// <c>uncompleted</c>, Live Event names), counted per site and verb so a connection's status shows what is ignored.
/// </summary>
public sealed class IgnoredVerbs(EventJournal journal, TimeProvider clock)
{
    public void Count(TenantId tenant, string source, IReadOnlyDictionary<string, int> byVerb)
    {
        if (byVerb.Count == 0)
        {
            return;
        }
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        using var cmd = connection.Command("""
            INSERT INTO lms_ignored_verbs (tenant, source, verb, count, last_at) VALUES (@t, @s, @v, @n, @now)
            ON CONFLICT (tenant, source, verb) DO UPDATE SET count = lms_ignored_verbs.count + excluded.count, last_at = excluded.last_at
            """, tx);
        foreach (var (verb, count) in byVerb)
        {
            cmd.Parameters.Clear();
            cmd.Add("@t", tenant.Value).Add("@s", source).Add("@v", verb).Add("@n", (long)count).Add("@now", clock.GetUtcNow().UtcTicks);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Verb → statements or events skipped, for one site.</summary>
    public Dictionary<string, long> Of(TenantId tenant, string source)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("SELECT verb, count FROM lms_ignored_verbs WHERE tenant = @t AND source = @s ORDER BY verb");
        cmd.Add("@t", tenant.Value).Add("@s", source);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }
}
