using Attune.Tests;
using Npgsql;

namespace Attune.EndToEnd.Tests;

/// <summary>Wrong or unreachable storage and cluster settings stop the silo at start-up with exit code 2 and the setting's name.</summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "attune-e2e", Guid.NewGuid().ToString("n"));

    public static TheoryData<string, string, string> Wrong() => new()
    {
        { "Attune__Storage__Provider", "Mysql", "Attune:Storage:Provider" },
        { "Attune__Storage__Provider", "Postgres", "Attune:Storage:Postgres must be a PostgreSQL connection string" },
        { "Attune__Orleans__Clustering", "Redis", "Attune:Orleans:Redis must be a Redis configuration string" },
        { "Attune__Orleans__AdvertisedAddress", "not-an-address", "Attune:Orleans:AdvertisedAddress ('not-an-address') must be an IP address" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public async Task AWrongSettingIsNamed(string name, string value, string expected)
    {
        var output = await RunAsync(new() { [name] = value });

        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task AConfiguredConnectionWhoseTokenNamesASiloSecretStopsStartUpWithoutReadingIt()
    {
        var password = "configured-admin-password-" + Guid.NewGuid().ToString("N")[..8];

        var output = await RunAsync(new()
        {
            ["Attune__Admin__Password"] = password,
            ["Attune__Connections__m1__Tenant"] = "uni",
            ["Attune__Connections__m1__Kind"] = "moodle",
            ["Attune__Connections__m1__Url"] = "https://moodle.example.edu/",
            ["Attune__Connections__m1__Token"] = "env:Attune__Admin__Password",
        });

        Assert.Contains("Attune:Connections:m1:Token may reference only environment variables whose names start with ATTUNE_LMS_", output);
        Assert.DoesNotContain(password, output);
    }

    [Fact]
    public async Task RedisClusteringOnEmbeddedSqliteIsRefused()
    {
        var output = await RunAsync(new() { ["Attune__Orleans__Clustering"] = "Redis", ["Attune__Orleans__Redis"] = "127.0.0.1:6379" });

        Assert.Contains("Attune:Orleans:Clustering=Redis needs Attune:Storage:Provider=Postgres", output);
    }

    [Fact]
    public async Task AnUnreachablePostgreSqlIsNamedWithoutItsPassword()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Port = 1, Timeout = 2, Password = password }.ConnectionString;

        var output = await RunAsync(new() { ["Attune__Storage__Provider"] = "Postgres", ["Attune__Storage__Postgres"] = connectionString });

        Assert.Contains("Attune:Storage:Postgres: cannot use PostgreSQL at 127.0.0.1:1/", output);
        Assert.DoesNotContain(password, output);
    }

    [Fact]
    public async Task AnUnreachableRedisIsNamed()
    {
        using var database = TestServices.CreateDatabase();
        var settings = TestStorage.PostgresSettings(database, clusterId: database.Name);
        settings["Attune__Orleans__Redis"] = "127.0.0.1:1";

        var output = await RunAsync(settings);

        Assert.Contains("Attune:Orleans:Redis: cannot reach Redis at 127.0.0.1:1", output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // nothing was written, or the OS temp cleaner gets it
        }
    }

    private async Task<string> RunAsync(Dictionary<string, string> settings)
    {
        settings["Attune__Tenants__uni__ApiKey"] = SiloFixture.UniKey;
        await using var silo = new SiloProcess(_dataPath, settings);
        var exitCode = await silo.StartExpectingExitAsync(ExitTimeout);
        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2\n{silo.Output}");
        Assert.Contains("Attune cannot start", silo.Output);
        return silo.Output;
    }
}
