using System.Text;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Plugins;

/// <summary>Which plugins serve a request, and the A/B variant that chose them.</summary>
/// <param name="Recommender">A recommender plugin name, or <c>null</c> for the built-in baseline.</param>
/// <param name="Strategies">Strategy plugin names in planning order.</param>
/// <param name="Variant">The A/B variant, or <c>null</c> when the learner is in none.</param>
public sealed record PluginSelection(string? Recommender, IReadOnlyList<string> Strategies, string? Variant);

/// <summary>
/// Resolves configuration into a <see cref="PluginSelection"/>: default, then tenant, then the learner's A/B variant,
/// then the course, each level overriding what it sets. Variants split learners by a stable hash, so a learner stays
/// in the same variant on every silo and across restarts.
/// </summary>
public sealed class PluginSelector(IOptionsMonitor<PluginOptions> options)
{
    public const string Baseline = "baseline";

    public PluginSelection Select(TenantId tenant, CourseId? course, LearnerId learner)
    {
        var o = options.CurrentValue;
        string? recommender = o.Default.Recommender;
        IReadOnlyList<string> strategies = o.Default.Strategies ?? [];
        string? variantName = null;
        if (o.Tenants.TryGetValue(tenant.Value, out var t))
        {
            (recommender, strategies) = Override(recommender, strategies, t);
            if (VariantOf(t, tenant, learner) is { } variant)
            {
                (recommender, strategies) = Override(recommender, strategies, variant);
                variantName = variant.Name;
            }
            if (course is { } c && t.Courses.TryGetValue(c.Value, out var forCourse))
            {
                (recommender, strategies) = Override(recommender, strategies, forCourse);
            }
        }
        // "baseline" as the only strategy says "no strategy" (configuration cannot write an empty list over a default one).
        return new PluginSelection(recommender is null or Baseline ? null : recommender, strategies.Where(s => s != Baseline).ToList(), variantName);
    }

    /// <summary>Every strategy that may plan for this learner in some course: each observes all of the learner's events.</summary>
    public IReadOnlyList<string> StrategiesFor(TenantId tenant, LearnerId learner) =>
        SelectionsFor(tenant, learner).SelectMany(s => s.Strategies).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every recommender that may serve this learner in some course: each keeps an embedding of the learner.</summary>
    public IReadOnlyList<string> RecommendersFor(TenantId tenant, LearnerId learner) =>
        SelectionsFor(tenant, learner).Select(s => s.Recommender).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every recommender configured anywhere for a tenant (default, tenant, variants, courses): what its refactorization trains.</summary>
    public IReadOnlyList<string> RecommendersOfTenant(TenantId tenant) =>
        ChoicesOfTenant(tenant).Select(c => c.Recommender).OfType<string>().Where(r => r != Baseline).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every strategy configured anywhere for a tenant (default, tenant, variants, courses), in order of first mention.</summary>
    public IReadOnlyList<string> StrategiesOfTenant(TenantId tenant) =>
        ChoicesOfTenant(tenant).SelectMany(c => c.Strategies ?? []).Where(s => s != Baseline).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The default choice, then the tenant's own, its variants' and its courses'.</summary>
    private List<PluginChoice> ChoicesOfTenant(TenantId tenant)
    {
        var o = options.CurrentValue;
        var choices = new List<PluginChoice> { o.Default };
        if (o.Tenants.TryGetValue(tenant.Value, out var t))
        {
            choices.Add(t);
            choices.AddRange(t.Variants);
            choices.AddRange(t.Courses.Values);
        }
        return choices;
    }

    /// <summary>Where each plugin name is configured, in words, for admins.</summary>
    public ILookup<string, string> Usages()
    {
        var o = options.CurrentValue;
        var uses = new List<(string Plugin, string Where)>();
        void Add(PluginChoice choice, string where)
        {
            if (choice.Recommender is { } r and not Baseline)
            {
                uses.Add((r, where));
            }
            foreach (var s in (choice.Strategies ?? []).Where(s => s != Baseline))
            {
                uses.Add((s, where));
            }
        }
        Add(o.Default, "default");
        foreach (var (tenant, t) in o.Tenants)
        {
            Add(t, $"tenant {tenant}");
            foreach (var v in t.Variants)
            {
                Add(v, $"tenant {tenant}, variant {v.Name} ({v.Percent}%)");
            }
            foreach (var (course, c) in t.Courses)
            {
                Add(c, $"tenant {tenant}, course {course}");
            }
        }
        return uses.ToLookup(u => u.Plugin, u => u.Where, StringComparer.Ordinal);
    }

    /// <summary>The learner's bucket, 0-99, from FNV-1a of "tenant/learner" (string hashes are randomized per process).</summary>
    public static int Bucket(TenantId tenant, LearnerId learner)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{tenant.Value}/{learner.Value}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return (int)(hash % 100);
    }

    private IEnumerable<PluginSelection> SelectionsFor(TenantId tenant, LearnerId learner)
    {
        yield return Select(tenant, null, learner);
        if (options.CurrentValue.Tenants.TryGetValue(tenant.Value, out var t))
        {
            foreach (var course in t.Courses.Keys)
            {
                yield return Select(tenant, new CourseId(course), learner);
            }
        }
    }

    private static PluginVariant? VariantOf(TenantPluginChoice tenantChoice, TenantId tenant, LearnerId learner)
    {
        if (tenantChoice.Variants.Count == 0)
        {
            return null;
        }
        var bucket = Bucket(tenant, learner);
        var upper = 0.0;
        foreach (var variant in tenantChoice.Variants)
        {
            upper += variant.Percent;
            if (bucket < upper)
            {
                return variant;
            }
        }
        return null;
    }

    private static (string?, IReadOnlyList<string>) Override(string? recommender, IReadOnlyList<string> strategies, PluginChoice choice) =>
        (choice.Recommender ?? recommender, choice.Strategies ?? strategies);
}
