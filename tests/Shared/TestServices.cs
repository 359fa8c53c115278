using System.Diagnostics;
using Npgsql;

namespace Attune.Tests;

/// <summary>
/// The PostgreSQL and Redis servers the Postgres-mode and cluster tests run against. CI exports their addresses
/// (<c>ATTUNE_TEST_POSTGRES</c>, <c>ATTUNE_TEST_REDIS</c>, see <c>.ci/services</c>); when they are not set, the first
/// test that needs them runs <c>.ci/services</c> itself, which installs (Debian packages) and starts both on loopback.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<(string Postgres, string Redis)> Servers = new(Start);

    /// <summary>A connection string of a role that may create databases.</summary>
    public static string Postgres => Servers.Value.Postgres;

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public static string Redis => Servers.Value.Redis;

    /// <summary>A fresh, empty database for one test or fixture; dropped when disposed.</summary>
    public static PostgresTestDatabase CreateDatabase() => new(Postgres);

    private static (string, string) Start()
    {
        var postgres = Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("ATTUNE_TEST_REDIS");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(redis))
        {
            return (postgres, redis);
        }
        var script = Path.Combine(RepositoryRoot(), ".ci", "services");
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Cannot run {script}.");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL and Redis are needed: set ATTUNE_TEST_POSTGRES and ATTUNE_TEST_REDIS, or let {script} start them " +
                $"(it failed with exit code {process.ExitCode}: {errors.Trim()}).");
        }
        string Export(string name) => output.Split('\n')
            .Select(l => l.Trim())
            .First(l => l.StartsWith($"export {name}=", StringComparison.Ordinal))
            [$"export {name}=".Length..].Trim('\'');
        return (Export("ATTUNE_TEST_POSTGRES"), Export("ATTUNE_TEST_REDIS"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Attune.slnx) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A throw-away PostgreSQL database.</summary>
public sealed class PostgresTestDatabase : IDisposable
{
    private readonly string _admin;

    public PostgresTestDatabase(string adminConnectionString)
    {
        _admin = adminConnectionString;
        Name = "attune_t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
        cmd.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(_admin);
            connection.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database is harmless.
        }
    }
}
