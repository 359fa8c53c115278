using System.Text.Json;
using Attune.Learners;
using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Learners;

/// <summary>
/// Learner profiles in the journal database, so an acknowledged profile change is as durable as an event
/// (the grain's snapshot store is tuned for speed, not for acknowledged writes).
/// </summary>
public sealed class ProfileStore(EventJournal journal, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LearnerProfile?> LoadAsync(TenantId tenant, LearnerId learner)
    {
        await using var connection = await journal.Database.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT profile FROM learner_profiles WHERE tenant = @t AND learner = @l";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@l", learner.Value);
        return await cmd.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<LearnerProfile>(json, Json) : null;
    }

    public async Task SaveAsync(TenantId tenant, LearnerId learner, LearnerProfile profile)
    {
        await using var connection = await journal.Database.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO learner_profiles (tenant, learner, profile, updated_at) VALUES (@t, @l, @p, @now)
            ON CONFLICT (tenant, learner) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at
            """;
        cmd.Add("@t", tenant.Value);
        cmd.Add("@l", learner.Value);
        cmd.Add("@p", JsonSerializer.Serialize(profile, Json));
        cmd.Add("@now", clock.GetUtcNow().UtcTicks);
        await cmd.ExecuteNonQueryAsync();
    }
}
