using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Attune.Silo.Storage;

/// <summary>
/// Orleans grain storage in an embedded SQLite file. State is serialized with the Orleans binary serializer,
/// so state types need <c>[GenerateSerializer]</c> and stay version tolerant through their <c>[Id]</c>s.
/// Writes are guarded by an integer ETag: a stale writer gets <see cref="InconsistentStateException"/>.
/// </summary>
/// <remarks>
/// Snapshots are a cache of what the journal already holds, so this file runs with <c>synchronous=NORMAL</c>:
/// in WAL mode a power cut may lose the newest snapshots but never corrupts the file, and the grain replays
/// the journal past whatever snapshot survived.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteGrainStorage(string databasePath, Serializer serializer)
    {
        _serializer = serializer;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name  TEXT    NOT NULL,
                grain_id    TEXT    NOT NULL,
                etag        INTEGER NOT NULL,
                payload     BLOB    NOT NULL,
                updated_at  INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """;
        cmd.ExecuteNonQuery();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $n AND grain_id = $g";
        cmd.Parameters.AddWithValue("$n", stateName);
        cmd.Parameters.AddWithValue("$g", grainId.ToString());
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
        var payload = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(payload);
        grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0L : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = expected == 0
                ? """
                  INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ($n, $g, 1, $p, $now)
                  ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = etag + 1, payload = $p, updated_at = $now
                  WHERE state_name = $n AND grain_id = $g AND etag = $e
                  """;
            cmd.Parameters.AddWithValue("$n", stateName);
            cmd.Parameters.AddWithValue("$g", grainId.ToString());
            cmd.Parameters.AddWithValue("$p", payload);
            cmd.Parameters.AddWithValue("$e", expected);
            cmd.Parameters.AddWithValue("$now", DateTime.UtcNow.Ticks);
            if (cmd.ExecuteNonQuery() == 0)
            {
                throw new InconsistentStateException(
                    $"State '{stateName}' of {grainId} was written by someone else (expected ETag {grainState.ETag ?? "none"}).");
            }
        }
        finally
        {
            _writeGate.Release();
        }
        grainState.ETag = (expected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DELETE FROM grain_state WHERE state_name = $n AND grain_id = $g";
            cmd.Parameters.AddWithValue("$n", stateName);
            cmd.Parameters.AddWithValue("$g", grainId.ToString());
            cmd.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose() => _writeGate.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL;"; // per connection, not stored in the file
        cmd.ExecuteNonQuery();
        return connection;
    }
}
