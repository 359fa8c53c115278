using System.Collections.Concurrent;
using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Learners;

/// <summary>
/// Which learners exist (have a journaled event or a stored profile), asked before a read touches a grain, so an id
/// never seen answers 404 without activating one: unknown ids cost one indexed lookup and nothing that stays in memory.
/// </summary>
/// <remarks>
/// Only learners that exist are remembered (ingestion and profile writes add them, a lookup that finds one adds it),
/// so memory is bounded by real learners, never by the ids a client makes up; past <see cref="MaxRemembered"/> the set
/// is dropped and refills from storage, one lookup per learner. A learner, once known, is assumed to stay: an erasure
/// must call <see cref="Forget"/> on every silo.
/// </remarks>
public sealed class KnownLearners(EventJournal journal)
{
    public const int MaxRemembered = 1_000_000;

    private readonly ConcurrentDictionary<(string Tenant, string Learner), byte> _known = new();
    private int _count;

    /// <summary>How many learners are remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Records a learner that now exists (an event journaled, a profile stored).</summary>
    public void Add(TenantId tenant, LearnerId learner)
    {
        if (_known.TryAdd((tenant.Value, learner.Value), 0) && Interlocked.Increment(ref _count) > MaxRemembered)
        {
            _known.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>Forgets a learner (after an erasure), so the next read asks storage again.</summary>
    public void Forget(TenantId tenant, LearnerId learner)
    {
        if (_known.TryRemove((tenant.Value, learner.Value), out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Whether the tenant has ever sent an event for, or stored a profile of, this learner.</summary>
    public async ValueTask<bool> ExistsAsync(TenantId tenant, LearnerId learner)
    {
        if (_known.ContainsKey((tenant.Value, learner.Value)))
        {
            return true;
        }
        // Both are index seeks: events is unique on (tenant, learner, learner_seq), learner_profiles keyed by (tenant, learner).
        await using var connection = await journal.Database.OpenAsync();
        await using var cmd = connection.Command("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM events WHERE tenant = @t AND learner = @l)
                          OR EXISTS (SELECT 1 FROM learner_profiles WHERE tenant = @t AND learner = @l)
                        THEN 1 ELSE 0 END
            """);
        cmd.Add("@t", tenant.Value).Add("@l", learner.Value);
        var exists = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        if (exists)
        {
            Add(tenant, learner);
        }
        return exists;
    }
}
