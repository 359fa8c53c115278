using System.Reflection;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// A silo whose tenant <c>uni</c> is served by the built-in knowledge-tracing and spaced-repetition strategies (SDK 1.1)
/// and by a fixture strategy built for SDK 1.0, with admin credentials and Hangfire tuned to start a triggered job fast.
/// </summary>
public sealed class StrategySiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-admin-password-0123";
    public const string KnowledgeTracing = "knowledge-tracing";
    public const string SpacedRepetition = "spaced-repetition";
    public const string OnePointZeroStrategy = "versioned-strategy";
    public const int FitMinAnswersPerSkill = 20;
    private static readonly string PluginsPath = InstallPlugins();

    public StrategySiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            ["Attune__Plugins__Path"] = PluginsPath,
            // Generous: the first calls into a plugin pay for JIT, and an overrun would quarantine it for 30 s.
            ["Attune__Plugins__CallBudget"] = "00:00:02",
            [$"Attune__Plugins__Tenants__{Uni}__Strategies__0"] = KnowledgeTracing,
            [$"Attune__Plugins__Tenants__{Uni}__Strategies__1"] = SpacedRepetition,
            [$"Attune__Plugins__Tenants__{Uni}__Strategies__2"] = OnePointZeroStrategy,
            [$"Attune__Plugins__Settings__{KnowledgeTracing}__FitMinAnswersPerSkill"] = FitMinAnswersPerSkill.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Attune__Jobs__PollInterval"] = "00:00:00.500",
            ["Attune__Jobs__Refactorize__Cron"] = "0 0 1 1 *", // yearly: only the tests trigger jobs
            ["Attune__Jobs__FitStrategies__Cron"] = "0 0 1 1 *",
            ["Attune__Models__RefreshInterval"] = "00:00:01",
        })
    {
    }

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));

    /// <summary>The two built-in strategies from the silo's own plugins folder, and the SDK 1.0 fixture, in a fresh folder.</summary>
    private static string InstallPlugins()
    {
        var plugins = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"), "plugins");
        var builtIn = Path.Combine(Path.GetDirectoryName(SiloProcess.AssemblyPath)!, "plugins");
        Copy(Path.Combine(builtIn, "Attune.Plugins.KnowledgeTracing"), Path.Combine(plugins, "Attune.Plugins.KnowledgeTracing"));
        Copy(Path.Combine(builtIn, "Attune.Plugins.SpacedRepetition"), Path.Combine(plugins, "Attune.Plugins.SpacedRepetition"));
        var fixture = typeof(StrategySiloFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TrainablePlugin").Value!;
        Copy(fixture, Path.Combine(plugins, "Fixture.Versioned"));
        return plugins;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
