using System.Text.Json;
using Attune.Plugins;
using Attune.Silo.Database;
using Attune.Silo.Journal;

namespace Attune.Silo.Models;

/// <summary>One trained model version as admins see it (without its bytes).</summary>
public sealed record ModelVersion(
    string Tenant, string Recommender, long Version, DateTimeOffset CreatedAt, TimeSpan Duration, string PluginVersion,
    string Format, long Events, long Bytes, IReadOnlyDictionary<string, double> Metrics, bool Serving, string? Note);

/// <summary>
/// Trained model versions per (tenant, recommender) in the journal database: numbered, with their metrics, and at most
/// one serving. Every silo reads the serving version from here, so publishing a version is one committed row update.
/// </summary>
public sealed class ModelStore(EventJournal journal)
{
    /// <summary>Stores a new version and returns its number; when <paramref name="serve"/>, it becomes the one serving.</summary>
    public long Add(TenantId tenant, ModelArtifact artifact, string pluginVersion, TimeSpan duration, long events, long trainedUpTo, bool serve, string? note, DateTimeOffset now)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        long version;
        using (var next = connection.CreateCommand())
        {
            next.Transaction = tx;
            next.CommandText = "SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE tenant = @t AND recommender = @r";
            next.Add("@t", tenant.Value);
            next.Add("@r", artifact.Plugin);
            version = next.ScalarInt64() ?? 1;
        }
        if (serve)
        {
            ClearServing(connection, tx, tenant.Value, artifact.Plugin);
        }
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO models (tenant, recommender, version, created_at, duration_ms, plugin_version, format, data, metrics, events, serving, note, trained_upto)
                VALUES (@t, @r, @v, @at, @ms, @pv, @f, @d, @m, @e, @s, @n, @upto)
                """;
            insert.Add("@t", tenant.Value);
            insert.Add("@r", artifact.Plugin);
            insert.Add("@v", version);
            insert.Add("@at", now.UtcTicks);
            insert.Add("@ms", (long)duration.TotalMilliseconds);
            insert.Add("@pv", pluginVersion);
            insert.Add("@f", artifact.Format);
            insert.Add("@d", artifact.Data);
            insert.Add("@m", JsonSerializer.Serialize(artifact.Metrics));
            insert.Add("@e", events);
            insert.Add("@s", serve ? 1 : 0);
            insert.Add("@n", (object?)note ?? DBNull.Value);
            insert.Add("@upto", trainedUpTo);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return version;
    }

    /// <summary>Makes <paramref name="version"/> the serving one; false if it does not exist.</summary>
    public bool Promote(TenantId tenant, string recommender, long version)
    {
        using var connection = journal.Database.Open();
        using var tx = connection.BeginTransaction();
        using (var exists = connection.CreateCommand())
        {
            exists.Transaction = tx;
            exists.CommandText = "SELECT 1 FROM models WHERE tenant = @t AND recommender = @r AND version = @v";
            exists.Add("@t", tenant.Value);
            exists.Add("@r", recommender);
            exists.Add("@v", version);
            if (exists.ExecuteScalar() is null)
            {
                return false;
            }
        }
        ClearServing(connection, tx, tenant.Value, recommender);
        using (var serve = connection.CreateCommand())
        {
            serve.Transaction = tx;
            serve.CommandText = "UPDATE models SET serving = 1 WHERE tenant = @t AND recommender = @r AND version = @v";
            serve.Add("@t", tenant.Value);
            serve.Add("@r", recommender);
            serve.Add("@v", version);
            serve.ExecuteNonQuery();
        }
        tx.Commit();
        return true;
    }

    /// <summary>The serving version's number, or null: one indexed read, cheap enough to poll.</summary>
    public long? ServingVersion(TenantId tenant, string recommender)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM models WHERE tenant = @t AND recommender = @r AND serving = 1";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@r", recommender);
        return cmd.ScalarInt64();
    }

    /// <summary>The journal position a version was trained up to (0 if unknown).</summary>
    public long TrainedUpTo(TenantId tenant, string recommender, long version)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT trained_upto FROM models WHERE tenant = @t AND recommender = @r AND version = @v";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@r", recommender);
        cmd.Add("@v", version);
        return cmd.ScalarInt64() ?? 0;
    }

    /// <summary>The artifact of one version, or null.</summary>
    public ModelArtifact? Load(TenantId tenant, string recommender, long version)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT format, data, metrics FROM models WHERE tenant = @t AND recommender = @r AND version = @v";
        cmd.Add("@t", tenant.Value);
        cmd.Add("@r", recommender);
        cmd.Add("@v", version);
        using var reader = cmd.ExecuteReader();
        return reader.Read()
            ? new ModelArtifact(recommender, reader.GetString(0), (byte[])reader.GetValue(1),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(2)) ?? [])
            : null;
    }

    /// <summary>Every version of a tenant's models, newest first.</summary>
    public List<ModelVersion> List(TenantId tenant)
    {
        using var connection = journal.Database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT recommender, version, created_at, duration_ms, plugin_version, format, CAST(length(data) AS BIGINT), metrics, events, serving, note
            FROM models WHERE tenant = @t ORDER BY recommender, version DESC
            """;
        cmd.Add("@t", tenant.Value);
        var versions = new List<ModelVersion>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(new ModelVersion(tenant.Value, reader.GetString(0), reader.GetInt64(1),
                new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                reader.GetString(4), reader.GetString(5), reader.GetInt64(8), reader.GetInt64(6),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(7)) ?? [],
                reader.GetInt64(9) == 1, reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return versions;
    }

    private static void ClearServing(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string tenant, string recommender)
    {
        using var clear = connection.CreateCommand();
        clear.Transaction = tx;
        clear.CommandText = "UPDATE models SET serving = 0 WHERE tenant = @t AND recommender = @r AND serving = 1";
        clear.Add("@t", tenant);
        clear.Add("@r", recommender);
        clear.ExecuteNonQuery();
    }
}
