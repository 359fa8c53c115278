using System.Data.Common;

namespace Attune.EndToEnd.Tests;

/// <summary>Reads the silo's grain snapshots (<c>grains.db</c>, or the PostgreSQL <c>grain_state</c> table), to see which learners wrote one.</summary>
public sealed class GrainStateFile(Func<DbConnection> open)
{

    /// <summary>Grain ids (<c>learner/tenant/learner</c>) that have a stored <c>learner</c> state.</summary>
    public HashSet<string> LearnerSnapshots()
    {
        using var connection = open();
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
