using Attune.LmsAdapters;
using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Connections.Identities;

/// <summary>
/// The identity map in the journal database: per tenant and LMS site, every name the site has for a learner (user
/// id, login, email, SIS id, LTI subject) and the learner it is. Pulls refresh it from the users they read; an admin's
/// correction is kept over anything a pull says, until the admin removes it.
/// </summary>
public sealed class LmsIdentityMap(EventJournal journal, TimeProvider clock)
{
    /// <summary>Who wrote an entry.</summary>
    public const string FromPull = "pull";

    /// <summary>An admin's correction.</summary>
    public const string FromAdmin = "admin";

    /// <summary>Records what a pull learned; entries an admin corrected are left as they are. Returns the entries written.</summary>
    public int RecordPulled(TenantId tenant, string source, IReadOnlyList<LmsLearnerIdentity> learners)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        using var upsert = connection.Command("""
            INSERT INTO lms_identities (tenant, source, kind, value, learner, origin, updated_at)
            VALUES (@t, @s, @k, @v, @l, 'pull', @now)
            ON CONFLICT (tenant, source, kind, value) DO UPDATE SET learner = excluded.learner, updated_at = excluded.updated_at
            WHERE lms_identities.origin = 'pull'
            """, tx);
        var written = 0;
        var now = clock.GetUtcNow().UtcTicks;
        foreach (var learner in learners)
        {
            foreach (var (kind, value) in learner.Aliases)
            {
                upsert.Parameters.Clear();
                upsert.Add("@t", tenant.Value).Add("@s", source).Add("@k", kind)
                    .Add("@v", LmsIdentityKinds.Normalise(kind, value)).Add("@l", learner.Learner.Value).Add("@now", now);
                written += upsert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return written;
    }

    /// <summary>Sets (or corrects) one entry as an admin.</summary>
    public void Correct(TenantId tenant, string source, string kind, string value, LearnerId learner)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("""
            INSERT INTO lms_identities (tenant, source, kind, value, learner, origin, updated_at)
            VALUES (@t, @s, @k, @v, @l, 'admin', @now)
            ON CONFLICT (tenant, source, kind, value) DO UPDATE SET learner = excluded.learner, origin = 'admin', updated_at = excluded.updated_at
            """);
        cmd.Add("@t", tenant.Value).Add("@s", source).Add("@k", kind).Add("@v", LmsIdentityKinds.Normalise(kind, value))
            .Add("@l", learner.Value).Add("@now", clock.GetUtcNow().UtcTicks);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Removes one entry (a pull may write it again from what the LMS says).</summary>
    public bool Remove(TenantId tenant, string source, string kind, string value)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("DELETE FROM lms_identities WHERE tenant = @t AND source = @s AND kind = @k AND value = @v");
        cmd.Add("@t", tenant.Value).Add("@s", source).Add("@k", kind).Add("@v", LmsIdentityKinds.Normalise(kind, value));
        return cmd.ExecuteNonQuery() == 1;
    }

    /// <summary>The tenant's entries, optionally of one site or one learner.</summary>
    public List<LmsIdentityEntry> List(TenantId tenant, string? source = null, string? learner = null)
    {
        using var connection = journal.Database.Open();
        // Filters are added only when given: PostgreSQL cannot type a parameter that is only compared with NULL.
        using var cmd = connection.Command(
            "SELECT source, kind, value, learner, origin, updated_at FROM lms_identities WHERE tenant = @t"
            + (source is null ? "" : " AND source = @s")
            + (learner is null ? "" : " AND learner = @l")
            + " ORDER BY source, learner, kind, value");
        cmd.Add("@t", tenant.Value);
        if (source is not null)
        {
            cmd.Add("@s", source);
        }
        if (learner is not null)
        {
            cmd.Add("@l", learner);
        }
        var entries = new List<LmsIdentityEntry>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new LmsIdentityEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }
        return entries;
    }

    /// <summary>The lookup of one tenant's map, for adapters mapping that tenant's pushes.</summary>
    public ILmsIdentityLookup For(TenantId tenant) => new Lookup(this, tenant);

    /// <summary>The learner one name resolves to, or <c>null</c>.</summary>
    public LearnerId? Find(TenantId tenant, string source, string kind, string value)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.Command("SELECT learner FROM lms_identities WHERE tenant = @t AND source = @s AND kind = @k AND value = @v");
        cmd.Add("@t", tenant.Value).Add("@s", source).Add("@k", kind).Add("@v", LmsIdentityKinds.Normalise(kind, value));
        return cmd.ExecuteScalar() is string learner ? new LearnerId(learner) : null;
    }

    private sealed class Lookup(LmsIdentityMap map, TenantId tenant) : ILmsIdentityLookup
    {
        public LearnerId? Find(string source, string kind, string value) => map.Find(tenant, source, kind, value);
    }
}
