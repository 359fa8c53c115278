using System.Globalization;

namespace Attune.Outcomes.Bench;

/// <summary>
/// The silo's configuration for a run, as environment variables: a tenant per silo configuration with its plugins,
/// admin credentials, the manual clock, and jobs and model refresh fast enough for a night to take a second.
/// </summary>
public static class SiloSettings
{
    public static IReadOnlyDictionary<string, string> For(OutcomeOptions options)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Attune__Admin__User"] = OutcomeOptions.AdminUser,
            ["Attune__Admin__Password"] = OutcomeOptions.AdminPassword,
            ["Attune__Clock__Manual"] = "true",
            ["Attune__Clock__Start"] = OutcomeExperiment.ClockStart(options).ToString("O", CultureInfo.InvariantCulture),
            ["Attune__Jobs__PollInterval"] = "00:00:00.200",
            ["Attune__Jobs__WorkerCount"] = "4",
            ["Attune__Models__RefreshInterval"] = "00:00:00.500",
            // Two cores run the silo, its jobs and the bench: a 50 ms budget would turn scheduling delays into
            // fallbacks (and 30 s of quarantine, days of the term). Fallbacks are still counted and reported.
            ["Attune__Plugins__CallBudget"] = "00:00:00.250",
            ["Attune__Jobs__Refactorize__Cron"] = "0 0 1 1 *",
            ["Attune__Jobs__FitStrategies__Cron"] = "0 0 1 1 *",
        };
        foreach (var c in options.Configurations.Where(c => c.Kind == ConfigurationKind.Silo))
        {
            foreach (var (name, value) in c.SiloSettings())
            {
                settings[name] = value;
            }
        }
        foreach (var (name, value) in options.Settings)
        {
            settings[name] = value;
        }
        return settings;
    }
}
