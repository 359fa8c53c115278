using System.Reflection;

namespace Attune.Silo.Tests.Plugins;

/// <summary>Installs the fixture plugins built from tests/Fixtures into a plugins folder, as an admin would drop them in.</summary>
internal static class FixturePlugins
{
    public const string Faulty = "Fixture.Faulty";
    public const string NeedsDependency = "Fixture.NeedsDependency";
    public const string WrongSdk = "Fixture.WrongSdk";
    public const string OldSdk = "Fixture.OldSdk";
    public const string VersionedV1 = "Fixture.Versioned.V1";
    public const string VersionedV2 = "Fixture.Versioned.V2";

    /// <summary>Copies a fixture's build output to <c>plugins/&lt;assembly name&gt;/</c> and returns that folder.</summary>
    public static string Install(string pluginsFolder, string fixture)
    {
        var output = OutputOf(fixture);
        var main = Directory.GetFiles(output, "Fixture.*.deps.json").Single();
        var name = Path.GetFileName(main)[..^".deps.json".Length];
        var target = Path.Combine(pluginsFolder, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(output))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        return target;
    }

    private static string OutputOf(string fixture) =>
        typeof(FixturePlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == $"FixturePlugin:{fixture}").Value!;
}
