using System.Collections.Concurrent;

namespace Attune.Silo.Learners;

/// <summary>The learner grains active on this silo, by tenant: who to refold eagerly when a new model version serves.</summary>
public sealed class ActiveLearners
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byTenant = new(StringComparer.Ordinal);

    public void Add(TenantId tenant, LearnerId learner) =>
        _byTenant.GetOrAdd(tenant.Value, _ => new(StringComparer.Ordinal))[learner.Value] = 0;

    public void Remove(TenantId tenant, LearnerId learner)
    {
        if (_byTenant.TryGetValue(tenant.Value, out var learners))
        {
            learners.TryRemove(learner.Value, out _);
        }
    }

    public IReadOnlyList<TenantId> Tenants => _byTenant.Where(t => !t.Value.IsEmpty).Select(t => new TenantId(t.Key)).ToList();

    public IReadOnlyList<LearnerId> Of(TenantId tenant) =>
        _byTenant.TryGetValue(tenant.Value, out var learners) ? learners.Keys.Select(l => new LearnerId(l)).ToList() : [];
}
