namespace Attune.Silo.Plugins;

/// <summary>The <c>Attune:Plugins</c> section: where plugins live, how long they may take, and which serve whom.</summary>
public sealed class PluginOptions
{
    public const string Section = "Attune:Plugins";

    /// <summary>The plugins folder; each plugin in its own subfolder <c>&lt;Name&gt;/&lt;Name&gt;.dll</c>. Relative to the silo's folder.</summary>
    public string Path { get; set; } = "plugins";

    /// <summary>Watch plugin files and swap in new versions without a restart.</summary>
    public bool HotReload { get; set; } = true;

    /// <summary>Time budget of one per-event or per-request plugin call.</summary>
    public TimeSpan CallBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Budget of the first call of each operation of a newly loaded plugin (generation): the runtime compiles the
    /// plugin's code on that call, which can take far longer than any later one. Only a later overrun quarantines.
    /// </summary>
    public TimeSpan FirstCallBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a call overruns its budget, the plugin is skipped (the baseline serves) for this long.</summary>
    public TimeSpan QuarantineAfterTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed for plugins' random sources (<see cref="Attune.Plugins.PluginContext.CreateRandom"/>).</summary>
    public int Seed { get; set; } = 20261129;

    /// <summary>Per plugin name, its settings (bound through <see cref="Attune.Plugins.PluginSettings"/>).</summary>
    public Dictionary<string, Dictionary<string, string?>> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What serves a tenant that has no entry in <see cref="Tenants"/>: by default the baseline alone.</summary>
    public PluginChoice Default { get; set; } = new();

    /// <summary>Per tenant: its choice, per-course overrides and A/B variants.</summary>
    public Dictionary<string, TenantPluginChoice> Tenants { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Which recommender and which ordered strategies serve. A null member inherits from the level above.</summary>
public class PluginChoice
{
    /// <summary>A recommender plugin name; <c>baseline</c> (or unset everywhere) means the built-in course-popularity baseline.</summary>
    public string? Recommender { get; set; }

    /// <summary>Strategy plugin names, in the order they plan.</summary>
    public List<string>? Strategies { get; set; }
}

public sealed class TenantPluginChoice : PluginChoice
{
    /// <summary>Per course id, a choice that overrides the tenant's and the variant's.</summary>
    public Dictionary<string, PluginChoice> Courses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A/B variants: learners are split by a stable hash of tenant and learner into percentage buckets, in order.</summary>
    public List<PluginVariant> Variants { get; set; } = [];
}

public sealed class PluginVariant : PluginChoice
{
    public string Name { get; set; } = "";

    /// <summary>Share of the tenant's learners, 0-100; learners beyond the sum of all variants keep the tenant's choice.</summary>
    public double Percent { get; set; }
}
