using Microsoft.Extensions.Options;

namespace Attune.Silo.Plugins;

/// <summary>Checks <c>Attune:Plugins</c> at start-up and names the setting that is wrong.</summary>
public sealed class PluginOptionsValidator : IValidateOptions<PluginOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Attune:Plugins:Path must name the plugins folder.");
        }
        if (options.CallBudget <= TimeSpan.Zero || options.CallBudget > TimeSpan.FromMinutes(1))
        {
            failures.Add("Attune:Plugins:CallBudget must be a positive time span of at most a minute, e.g. 00:00:00.050.");
        }
        if (options.QuarantineAfterTimeout < TimeSpan.Zero)
        {
            failures.Add("Attune:Plugins:QuarantineAfterTimeout must not be negative.");
        }
        foreach (var (tenant, choice) in options.Tenants)
        {
            var total = 0.0;
            for (var i = 0; i < choice.Variants.Count; i++)
            {
                var v = choice.Variants[i];
                if (string.IsNullOrWhiteSpace(v.Name))
                {
                    failures.Add($"Attune:Plugins:Tenants:{tenant}:Variants:{i}:Name is required.");
                }
                if (v.Percent is < 0 or > 100)
                {
                    failures.Add($"Attune:Plugins:Tenants:{tenant}:Variants:{i}:Percent must be from 0 to 100.");
                }
                total += v.Percent;
            }
            if (total > 100)
            {
                failures.Add($"Attune:Plugins:Tenants:{tenant}:Variants: the percentages add up to {total}, more than 100.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
