using Microsoft.Data.Sqlite;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Reads the silo's SQLite journal read-only, beside the running silo (WAL lets readers and the writer share it),
/// to check what was really made durable rather than what the API says.
/// </summary>
public sealed class JournalFile(string path)
{
    // No pooling: a pooled handle would outlive the test and keep the data folder from being deleted.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    public long CountEvents(string tenant) =>
        Scalar("SELECT COUNT(*) FROM events WHERE tenant = $t", ("$t", tenant));

    public long CountEvents(string tenant, string learner) =>
        Scalar("SELECT COUNT(*) FROM events WHERE tenant = $t AND learner = $l", ("$t", tenant), ("$l", learner));

    /// <summary>Every event of the tenant, in journal order.</summary>
    public List<JournalRow> ReadEvents(string tenant)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT source, event_id, learner, learner_seq, item, course, kind
            FROM events WHERE tenant = $t ORDER BY position
            """;
        cmd.Parameters.AddWithValue("$t", tenant);
        var rows = new List<JournalRow>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new JournalRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6)));
        }
        return rows;
    }

    /// <summary>The stored bytes of one model version of a plugin (recommender or trainable strategy), or null.</summary>
    public byte[]? ModelData(string tenant, string plugin, long version)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT data FROM models WHERE tenant = $t AND recommender = $r AND version = $v";
        cmd.Parameters.AddWithValue("$t", tenant);
        cmd.Parameters.AddWithValue("$r", plugin);
        cmd.Parameters.AddWithValue("$v", version);
        return cmd.ExecuteScalar() as byte[];
    }

    private long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        return (long)cmd.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
