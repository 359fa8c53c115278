using System.Globalization;
using Attune.Plugins;
using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Logistic;

namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>
/// The fitted parameters the plugin runs with: BKT per skill (with a default for skills never fitted) and the logistic
/// predictor. The host's strategy-fit job produces one through <see cref="KnowledgeTracingStrategy.TrainAsync"/>
/// (<see cref="KnowledgeTracingTrainer"/>) and serves it as a model version (<see cref="KnowledgeTracingArtifact"/>);
/// before the first fit the plugin runs on <see cref="FromSettings"/>: parameters an admin wrote into its settings, or
/// the defaults. <see cref="ToSettings"/> writes a model in those settings' keys.
/// </summary>
/// <remarks>
/// Keys (under <c>Attune:Plugins:Settings:knowledge-tracing</c>): <c>Bkt:Prior|Learn|Forget|Guess|Slip</c> (the
/// default), <c>Bkt:Skills:&lt;skill&gt;:Prior|…</c>, <c>Logistic:Bias|SkillSuccesses|SkillFailures|LastOnSkill|
/// RecentOnSkill|TotalSuccesses|TotalFailures|LastAny|RecentAny</c>, <c>Logistic:Skills:&lt;skill&gt;:Easiness|Successes|
/// Failures</c> and <c>Logistic:Items:&lt;item&gt;:Easiness</c>. A skill id is everything between the prefix and the last
/// ':', so ids containing ':' work.
/// </remarks>
public sealed class KnowledgeTracingModel
{
    private static readonly string[] BktFields = ["Prior", "Learn", "Forget", "Guess", "Slip"];
    private static readonly string[] LogisticFields =
        ["Bias", "SkillSuccesses", "SkillFailures", "LastOnSkill", "RecentOnSkill", "TotalSuccesses", "TotalFailures", "LastAny", "RecentAny"];

    /// <summary>Creates a model.</summary>
    public KnowledgeTracingModel(BktParameters defaultBkt, IReadOnlyDictionary<string, BktParameters> skillBkt, LogisticParameters logistic)
    {
        DefaultBkt = defaultBkt;
        SkillBkt = new Dictionary<string, BktParameters>(skillBkt, StringComparer.Ordinal);
        Logistic = logistic;
    }

    /// <summary>Nothing fitted: <see cref="BktParameters.Default"/> and <see cref="LogisticParameters.Default"/>.</summary>
    public static KnowledgeTracingModel Default { get; } =
        new(BktParameters.Default, new Dictionary<string, BktParameters>(), LogisticParameters.Default);

    /// <summary>BKT parameters of skills without their own fit.</summary>
    public BktParameters DefaultBkt { get; }

    /// <summary>BKT parameters per skill.</summary>
    public IReadOnlyDictionary<string, BktParameters> SkillBkt { get; }

    /// <summary>The logistic predictor.</summary>
    public LogisticParameters Logistic { get; }

    /// <summary>BKT parameters for <paramref name="key"/>.</summary>
    public BktParameters BktFor(string key) => SkillBkt.TryGetValue(key, out var p) ? p : DefaultBkt;

    /// <summary>Why this model cannot be used, or <c>null</c>.</summary>
    public string? Problem()
    {
        if (DefaultBkt.Problem() is { } problem)
        {
            return $"Bkt: {problem}";
        }
        foreach (var (skill, p) in SkillBkt)
        {
            if (p.Problem() is { } skillProblem)
            {
                return $"Bkt:Skills:{skill}: {skillProblem}";
            }
        }
        var numbers = new[]
        {
            Logistic.Bias, Logistic.SkillSuccesses, Logistic.SkillFailures, Logistic.LastOnSkill, Logistic.RecentOnSkill,
            Logistic.TotalSuccesses, Logistic.TotalFailures, Logistic.LastAny, Logistic.RecentAny,
        };
        return numbers.Any(x => !double.IsFinite(x))
               || Logistic.Skills.Values.Any(c => !double.IsFinite(c.Easiness) || !double.IsFinite(c.Successes) || !double.IsFinite(c.Failures))
               || Logistic.Items.Values.Any(x => !double.IsFinite(x))
            ? "Logistic: every coefficient must be a finite number"
            : null;
    }

    /// <summary>Reads the model from the plugin's settings; what is not set keeps its default.</summary>
    /// <exception cref="FormatException">A value is not a number.</exception>
    public static KnowledgeTracingModel FromSettings(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = Bkt(settings, "Bkt:", BktParameters.Default);
        var skillBkt = new Dictionary<string, BktParameters>(StringComparer.Ordinal);
        foreach (var skill in Entities(settings, "Bkt:Skills:"))
        {
            skillBkt[skill] = Bkt(settings, $"Bkt:Skills:{skill}:", defaults);
        }
        var d = LogisticParameters.Default;
        var skills = new Dictionary<string, SkillCoefficients>(StringComparer.Ordinal);
        foreach (var skill in Entities(settings, "Logistic:Skills:"))
        {
            var prefix = $"Logistic:Skills:{skill}:";
            skills[skill] = new SkillCoefficients(
                settings.GetDouble(prefix + "Easiness", 0), settings.GetDouble(prefix + "Successes", 0), settings.GetDouble(prefix + "Failures", 0));
        }
        var items = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in Entities(settings, "Logistic:Items:"))
        {
            items[item] = settings.GetDouble($"Logistic:Items:{item}:Easiness", 0);
        }
        var logistic = new LogisticParameters
        {
            Bias = settings.GetDouble("Logistic:Bias", d.Bias),
            SkillSuccesses = settings.GetDouble("Logistic:SkillSuccesses", d.SkillSuccesses),
            SkillFailures = settings.GetDouble("Logistic:SkillFailures", d.SkillFailures),
            LastOnSkill = settings.GetDouble("Logistic:LastOnSkill", d.LastOnSkill),
            RecentOnSkill = settings.GetDouble("Logistic:RecentOnSkill", d.RecentOnSkill),
            TotalSuccesses = settings.GetDouble("Logistic:TotalSuccesses", d.TotalSuccesses),
            TotalFailures = settings.GetDouble("Logistic:TotalFailures", d.TotalFailures),
            LastAny = settings.GetDouble("Logistic:LastAny", d.LastAny),
            RecentAny = settings.GetDouble("Logistic:RecentAny", d.RecentAny),
            Skills = skills,
            Items = items,
        };
        return new KnowledgeTracingModel(defaults, skillBkt, logistic);
    }

    /// <summary>The model as settings keys and values (round-trip number format), ready for configuration.</summary>
    public IReadOnlyDictionary<string, string> ToSettings()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        AddBkt(settings, "Bkt:", DefaultBkt);
        foreach (var (skill, p) in SkillBkt)
        {
            AddBkt(settings, $"Bkt:Skills:{skill}:", p);
        }
        var l = Logistic;
        double[] shared = [l.Bias, l.SkillSuccesses, l.SkillFailures, l.LastOnSkill, l.RecentOnSkill, l.TotalSuccesses, l.TotalFailures, l.LastAny, l.RecentAny];
        for (var i = 0; i < LogisticFields.Length; i++)
        {
            settings[$"Logistic:{LogisticFields[i]}"] = Number(shared[i]);
        }
        foreach (var (skill, c) in l.Skills)
        {
            settings[$"Logistic:Skills:{skill}:Easiness"] = Number(c.Easiness);
            settings[$"Logistic:Skills:{skill}:Successes"] = Number(c.Successes);
            settings[$"Logistic:Skills:{skill}:Failures"] = Number(c.Failures);
        }
        foreach (var (item, easiness) in l.Items)
        {
            settings[$"Logistic:Items:{item}:Easiness"] = Number(easiness);
        }
        return settings;
    }

    private static BktParameters Bkt(PluginSettings s, string prefix, BktParameters fallback) => new(
        s.GetDouble(prefix + "Prior", fallback.Prior),
        s.GetDouble(prefix + "Learn", fallback.Learn),
        s.GetDouble(prefix + "Forget", fallback.Forget),
        s.GetDouble(prefix + "Guess", fallback.Guess),
        s.GetDouble(prefix + "Slip", fallback.Slip));

    private static void AddBkt(IDictionary<string, string> settings, string prefix, BktParameters p)
    {
        double[] values = [p.Prior, p.Learn, p.Forget, p.Guess, p.Slip];
        for (var i = 0; i < BktFields.Length; i++)
        {
            settings[prefix + BktFields[i]] = Number(values[i]);
        }
    }

    /// <summary>The distinct ids between <paramref name="prefix"/> and the last ':' of matching keys, in ordinal order.</summary>
    private static IEnumerable<string> Entities(PluginSettings settings, string prefix) =>
        settings.Values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && k.LastIndexOf(':') > prefix.Length)
            .Select(k => k[prefix.Length..k.LastIndexOf(':')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
