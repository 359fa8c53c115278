using System.Text.Json;
using Attune.Learners;
using Attune.Silo.Journal;

namespace Attune.Silo.Learners;

/// <summary>
/// Learner profiles in the journal database, so an acknowledged profile change is as durable as an event
/// (the grain's snapshot store is tuned for speed, not for acknowledged writes).
/// </summary>
public sealed class ProfileStore(EventJournal journal, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public LearnerProfile? Load(TenantId tenant, LearnerId learner)
    {
        using var connection = journal.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT profile FROM learner_profiles WHERE tenant = $t AND learner = $l";
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$l", learner.Value);
        return cmd.ExecuteScalar() is string json ? JsonSerializer.Deserialize<LearnerProfile>(json, Json) : null;
    }

    public void Save(TenantId tenant, LearnerId learner, LearnerProfile profile)
    {
        using var connection = journal.OpenReader();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL;"; // per connection: an acknowledged profile is on disk
            pragma.ExecuteNonQuery();
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO learner_profiles (tenant, learner, profile, updated_at) VALUES ($t, $l, $p, $now)
            ON CONFLICT (tenant, learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
            """;
        cmd.Parameters.AddWithValue("$t", tenant.Value);
        cmd.Parameters.AddWithValue("$l", learner.Value);
        cmd.Parameters.AddWithValue("$p", JsonSerializer.Serialize(profile, Json));
        cmd.Parameters.AddWithValue("$now", clock.GetUtcNow().UtcTicks);
        cmd.ExecuteNonQuery();
    }
}
