using Npgsql;

namespace Attune.Cluster.Bench;

/// <summary>A fresh PostgreSQL database for one configuration, so no row starts with another's journal; dropped afterwards.</summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly string _server;
    private readonly bool _keep;

    private BenchDatabase(string server, string name, bool keep)
    {
        _server = server;
        _keep = keep;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="server">A connection string of a role with CREATEDB; its database is only used to connect.</param>
    public static BenchDatabase Create(string server, string configuration, bool keep)
    {
        var name = $"attune_bench_{configuration}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000):000}";
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        create.ExecuteNonQuery();
        return new BenchDatabase(server, name, keep);
    }

    /// <summary>The events the journal holds for <paramref name="tenant"/>: a check that every accepted event is there.</summary>
    public async Task<long> JournaledEventsAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM events WHERE tenant = @tenant", connection);
        count.Parameters.AddWithValue("tenant", tenant);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            Console.WriteLine($"Kept the PostgreSQL database {Name}");
            return;
        }
        try
        {
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"Could not drop the database {Name}: {ex.Message}");
        }
    }
}
