using System.Text.RegularExpressions;

namespace Attune.Outcomes.Bench;

/// <summary>
/// One way the simulated learners decide what to do: the course's own order, the silo under a tenant of its own with
/// a plugin stack (recommender and strategies; none for the default tenant), or the all-seeing planner.
/// </summary>
public sealed partial record BenchConfiguration(string Key, string Label, ConfigurationKind Kind, string? Recommender, IReadOnlyList<string>? Strategies)
{
    public static readonly IReadOnlyList<BenchConfiguration> Standard =
    [
        new("order", "the course's own order (no Attune)", ConfigurationKind.CourseOrder, null, null),
        new("default", "default tenant (configures nothing)", ConfigurationKind.Silo, null, null),
        new("attention-planner", "attention-planner", ConfigurationKind.Silo, null, ["attention-planner"]),
        new("knowledge-tracing", "knowledge-tracing", ConfigurationKind.Silo, null, ["knowledge-tracing"]),
        new("spaced-repetition", "spaced-repetition", ConfigurationKind.Silo, null, ["spaced-repetition"]),
        new("mf-kt", "matrix-factorization + knowledge-tracing", ConfigurationKind.Silo, "matrix-factorization", ["knowledge-tracing"]),
        new("oracle", "all-seeing planner (greedy true gain per minute)", ConfigurationKind.AllSeeing, null, null),
    ];

    /// <summary>The silo tenant of this configuration.</summary>
    public string Tenant => "ob-" + Key;

    /// <summary>A key of at least 16 characters; the bench's silo is local and temporary, so a fixed key per tenant is enough.</summary>
    public string ApiKey => $"outcomes-bench-{Key}-key-0123456789";

    /// <summary><c>name=recommender:strategy1,strategy2</c> (either side may be empty) from <c>--stack</c>.</summary>
    public static BenchConfiguration ParseStack(string text)
    {
        var match = StackPattern().Match(text);
        if (!match.Success)
        {
            throw new ArgumentException($"--stack '{text}': expected name=recommender:strategy1,strategy2 (name of letters, digits and '-').");
        }
        var recommender = match.Groups["recommender"].Value;
        var strategies = match.Groups["strategies"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var label = $"{match.Groups["name"].Value} ({(recommender.Length > 0 ? recommender : "baseline")}" +
            (strategies.Length > 0 ? " + " + string.Join(" → ", strategies) : ", no strategy") + ")";
        // No strategies is the strategy list "baseline", which the silo reads as none: an empty list is not a setting
        // at all, and the tenant would get the default's strategies.
        return new BenchConfiguration(match.Groups["name"].Value, label, ConfigurationKind.Silo,
            recommender.Length > 0 ? recommender : null, strategies.Length > 0 ? strategies : ["baseline"]);
    }

    /// <summary>This configuration's tenant and plugin choice as the silo's environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> SiloSettings()
    {
        yield return new($"Attune__Tenants__{Tenant}__ApiKey", ApiKey);
        if (Recommender is not null)
        {
            yield return new($"Attune__Plugins__Tenants__{Tenant}__Recommender", Recommender);
        }
        for (var i = 0; i < (Strategies?.Count ?? 0); i++)
        {
            yield return new($"Attune__Plugins__Tenants__{Tenant}__Strategies__{i}", Strategies![i]);
        }
    }

    [GeneratedRegex("^(?<name>[a-z0-9][a-z0-9-]{0,30})=(?<recommender>[A-Za-z0-9._-]*):(?<strategies>[A-Za-z0-9._,-]*)$")]
    private static partial Regex StackPattern();
}
