using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// Reads the silo's journal beside the running silo (the SQLite file read-only, which WAL allows, or the PostgreSQL
/// database), to check what was really made durable rather than what the API says.
/// </summary>
public sealed class JournalFile(Func<DbConnection> open)
{
    /// <summary>The SQLite journal at <paramref name="path"/>.</summary>
    public static JournalFile Sqlite(string path) => new(() => OpenSqlite(path));

    /// <summary>The journal in a PostgreSQL database.</summary>
    public static JournalFile Postgres(string connectionString) => new(() => OpenPostgres(connectionString));

    internal static DbConnection OpenSqlite(string path)
    {
        // No pooling: a pooled handle would outlive the test and keep the data folder from being deleted.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    internal static DbConnection OpenPostgres(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public long CountEvents(string tenant) =>
        Scalar("SELECT COUNT(*) FROM events WHERE tenant = @t", ("@t", tenant));

    public long CountEvents(string tenant, string learner) =>
        Scalar("SELECT COUNT(*) FROM events WHERE tenant = @t AND learner = @l", ("@t", tenant), ("@l", learner));

    /// <summary>Every event of the tenant, in journal order.</summary>
    public List<JournalRow> ReadEvents(string tenant)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT source, event_id, learner, learner_seq, item, course, kind
            FROM events WHERE tenant = @t ORDER BY position
            """;
        Add(cmd, "@t", tenant);
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

    /// <summary>The per-course projections ingestion keeps (which learners are in which course, and engaged which items), as rows.</summary>
    public (List<(string Course, string Learner)> CourseLearners, List<(string Course, string Item, long Learners)> Engagement) Projections(string tenant)
    {
        using var connection = Open();
        var learners = new List<(string, string)>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT course, learner FROM course_learners WHERE tenant = @t ORDER BY course, learner";
            Add(cmd, "@t", tenant);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                learners.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var engagement = new List<(string, string, long)>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT course, item, learners FROM course_items_engagement WHERE tenant = @t ORDER BY course, item";
            Add(cmd, "@t", tenant);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                engagement.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }
        return (learners, engagement);
    }

    /// <summary>The stored bytes of one model version of a plugin (recommender or trainable strategy), or null.</summary>
    public byte[]? ModelData(string tenant, string plugin, long version)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT data FROM models WHERE tenant = @t AND recommender = @r AND version = @v";
        Add(cmd, "@t", tenant);
        Add(cmd, "@r", plugin);
        Add(cmd, "@v", version);
        return cmd.ExecuteScalar() as byte[];
    }

    private long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(cmd, name, value);
        }
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>token</c> column of every stored LMS connection, exactly as stored.</summary>
    public List<string> StoredConnectionTokens()
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT token FROM connections";
        var tokens = new List<string>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            tokens.Add(reader.GetString(0));
        }
        return tokens;
    }

    private DbConnection Open() => open();

    private static void Add(DbCommand cmd, string name, object value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        cmd.Parameters.Add(parameter);
    }
}
