using System.Data.Common;
using System.Globalization;
using Attune.Silo.Database;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Attune.Silo.Storage;

/// <summary>
/// Orleans grain storage in a SQL table (<c>grain_state</c>): an embedded SQLite file by default, or the cluster's
/// PostgreSQL database. State is serialized with the Orleans binary serializer, so state types need
/// <c>[GenerateSerializer]</c> and stay version tolerant through their <c>[Id]</c>s. Writes are guarded by an integer
/// ETag: a stale writer (say, a second activation during a silo failure) gets <see cref="InconsistentStateException"/>.
/// </summary>
/// <remarks>
/// Snapshots are a cache of what the journal already holds: the SQLite file runs with <c>synchronous=NORMAL</c>
/// (in WAL mode a power cut may lose the newest snapshots but never corrupts the file), and a grain replays the
/// journal past whatever snapshot survived.
/// </remarks>
public sealed class SqlGrainStorage : IGrainStorage, IDisposable
{
    private readonly Func<ValueTask<DbConnection>> _open;
    private readonly Serializer _serializer;
    private readonly SemaphoreSlim? _writeGate;

    private SqlGrainStorage(Func<ValueTask<DbConnection>> open, Serializer serializer, bool serializeWrites)
    {
        _open = open;
        _serializer = serializer;
        // SQLite has one writer at a time: queueing here is cheaper than its busy-wait.
        _writeGate = serializeWrites ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>Snapshots in their own SQLite file (created if missing).</summary>
    public static SqlGrainStorage Sqlite(string databasePath, Serializer serializer)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        DbConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            connection.Execute("PRAGMA synchronous=NORMAL;"); // per connection, not stored in the file
            return connection;
        }
        using (var connection = Open())
        {
            connection.Execute("""
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS grain_state (
                    state_name  TEXT    NOT NULL,
                    grain_id    TEXT    NOT NULL,
                    etag        INTEGER NOT NULL,
                    payload     BLOB    NOT NULL,
                    updated_at  INTEGER NOT NULL,
                    PRIMARY KEY (state_name, grain_id)
                ) WITHOUT ROWID;
                """);
        }
        return new SqlGrainStorage(() => ValueTask.FromResult(Open()), serializer, serializeWrites: true);
    }

    /// <summary>Snapshots in the journal database's <c>grain_state</c> table (PostgreSQL: created by its migrations).</summary>
    public static SqlGrainStorage InDatabase(JournalDatabase database, Serializer serializer) =>
        new(database.OpenAsync, serializer, serializeWrites: database.Provider == StorageProvider.Sqlite);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _open();
        await using var cmd = connection.Command("SELECT etag, payload FROM grain_state WHERE state_name = @n AND grain_id = @g");
        cmd.Add("@n", stateName).Add("@g", grainId.ToString());
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var payload = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(payload);
        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0L : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        await GateAsync();
        try
        {
            await using var connection = await _open();
            await using var cmd = connection.Command(expected == 0
                ? """
                  INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES (@n, @g, 1, @p, @now)
                  ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = etag + 1, payload = @p, updated_at = @now
                  WHERE state_name = @n AND grain_id = @g AND etag = @e
                  """);
            cmd.Add("@n", stateName).Add("@g", grainId.ToString()).Add("@p", payload).Add("@now", DateTime.UtcNow.Ticks);
            if (expected != 0)
            {
                cmd.Add("@e", expected);
            }
            if (await cmd.ExecuteNonQueryAsync() == 0)
            {
                throw new InconsistentStateException(
                    $"State '{stateName}' of {grainId} was written by someone else (expected ETag {grainState.ETag ?? "none"}).");
            }
        }
        finally
        {
            _writeGate?.Release();
        }
        grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await GateAsync();
        try
        {
            await using var connection = await _open();
            await using var cmd = connection.Command("DELETE FROM grain_state WHERE state_name = @n AND grain_id = @g");
            cmd.Add("@n", stateName).Add("@g", grainId.ToString());
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            _writeGate?.Release();
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose() => _writeGate?.Dispose();

    private Task GateAsync() => _writeGate?.WaitAsync() ?? Task.CompletedTask;
}
