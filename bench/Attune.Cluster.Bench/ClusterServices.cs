using System.Diagnostics;
using Npgsql;

namespace Attune.Cluster.Bench;

/// <summary>
/// The PostgreSQL server and Redis the Postgres-mode silos use: from the command line, else from the environment the
/// cluster tests read (<c>ATTUNE_TEST_POSTGRES</c>, <c>ATTUNE_TEST_REDIS</c>), else from <c>.ci/services</c>, which
/// installs and starts both on loopback and prints them.
/// </summary>
/// <param name="Postgres">An Npgsql connection string of a role that may create databases.</param>
/// <param name="Redis">A StackExchange.Redis configuration string.</param>
public sealed record ClusterServices(string Postgres, string Redis)
{
    public static ClusterServices Locate(ClusterBenchOptions options, string repositoryRoot)
    {
        var postgres = options.Postgres ?? Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES");
        var redis = options.Redis ?? Environment.GetEnvironmentVariable("ATTUNE_TEST_REDIS");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(redis))
        {
            return new ClusterServices(postgres, redis);
        }
        var script = Path.Combine(repositoryRoot, ".ci", "services");
        Console.WriteLine($"Starting PostgreSQL and Redis with {Path.GetRelativePath(repositoryRoot, script)}");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Cannot run {script}.");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {errors.Trim()} " +
                "(or pass --postgres and --redis).");
        }
        string Exported(string name) => output.Split('\n').Select(l => l.Trim())
            .First(l => l.StartsWith($"export {name}=", StringComparison.Ordinal))[$"export {name}=".Length..].Trim('\'');
        return new ClusterServices(postgres is { Length: > 0 } ? postgres : Exported("ATTUNE_TEST_POSTGRES"),
            redis is { Length: > 0 } ? redis : Exported("ATTUNE_TEST_REDIS"));
    }

    /// <summary>The PostgreSQL server's version, for the report.</summary>
    public async Task<string> PostgresVersionAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }
}
