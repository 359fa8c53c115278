using Microsoft.Data.Sqlite;

namespace Attune.EndToEnd.Tests;

/// <summary>Reads the silo's grain snapshots (<c>grains.db</c>) read-only, to see which learners wrote one.</summary>
public sealed class GrainStateFile(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>Grain ids (<c>learner/tenant/learner</c>) that have a stored <c>learner</c> state.</summary>
    public HashSet<string> LearnerSnapshots()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT grain_id FROM grain_state WHERE state_name = 'learner'";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
