using System.Net.Http.Headers;
using System.Reflection;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// A silo with admin credentials, a recommender that trains (slowly enough to trigger twice or kill mid-run), and
/// Hangfire tuned so a dead silo's job is rerun within seconds rather than minutes.
/// </summary>
public sealed class JobsSiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-admin-password-0123";
    public const string Recommender = "trainable-recommender";

    /// <summary>An environment variable of the silo that a connection may name as its token (<c>env:</c> + this).</summary>
    public const string TokenVariable = "ATTUNE_LMS_E2E_MOODLE_TOKEN";
    private static readonly string PluginsPath = InstallTrainablePlugin();

    public JobsSiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            ["Attune__Plugins__Path"] = PluginsPath,
            [$"Attune__Plugins__Tenants__{Uni}__Recommender"] = Recommender,
            [$"Attune__Plugins__Settings__{Recommender}__TrainDelayMs"] = "1500",
            ["Attune__Jobs__PollInterval"] = "00:00:00.500",
            ["Attune__Jobs__InvisibilityTimeout"] = "00:00:10",
            ["Attune__Jobs__DistributedLockLifetime"] = "00:00:03",
            ["Attune__Jobs__Refactorize__Cron"] = "0 0 1 1 *", // yearly: only the tests trigger it
            ["Attune__Models__RefreshInterval"] = "00:00:01",
            [TokenVariable] = Attune.LmsAdapters.Moodle.Tests.FakeMoodle.Token,
        })
    {
    }

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));

    public AdminClient WithCredentials(AuthenticationHeaderValue? credentials) => new(Silo, credentials);

    internal static string InstallTrainablePlugin()
    {
        var output = typeof(JobsSiloFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TrainablePlugin").Value!;
        var plugins = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"), "plugins");
        var folder = Directory.CreateDirectory(Path.Combine(plugins, "Fixture.Versioned")).FullName;
        foreach (var file in Directory.GetFiles(output))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return plugins;
    }
}
