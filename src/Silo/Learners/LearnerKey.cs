namespace Attune.Silo.Learners;

/// <summary>The grain key of a learner: <c>tenant/learner</c>. Tenant ids cannot contain '/', learner ids may.</summary>
public static class LearnerKey
{
    public static string Format(TenantId tenant, LearnerId learner) => $"{tenant.Value}/{learner.Value}";

    public static (TenantId Tenant, LearnerId Learner) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a learner key of the form tenant/learner.", nameof(key));
        }
        return (new TenantId(key[..slash]), new LearnerId(key[(slash + 1)..]));
    }

    public static ILearnerGrain GetLearner(this IGrainFactory grains, TenantId tenant, LearnerId learner) =>
        grains.GetGrain<ILearnerGrain>(Format(tenant, learner));
}
