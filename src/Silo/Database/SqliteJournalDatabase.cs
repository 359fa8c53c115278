using System.Data.Common;
using Attune.Silo.Journal;
using Microsoft.Data.Sqlite;

namespace Attune.Silo.Database;

/// <summary>
/// The embedded journal database: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed
/// transaction is on disk and readers run beside the single writer.
/// </summary>
public sealed class SqliteJournalDatabase : JournalDatabase
{
    private readonly string _connectionString;

    public SqliteJournalDatabase(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = OpenSqlite();
        connection.Execute("PRAGMA journal_mode=WAL;");
        JournalSchema.Migrate(connection);
    }

    public string DatabasePath { get; }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string Location => DatabasePath;

    public override int SchemaVersion => JournalSchema.LatestVersion;

    public override DbConnection Open() => OpenSqlite();

    public override DbTransaction BeginSnapshotRead(DbConnection connection) =>
        // Deferred: a plain BEGIN takes no write lock, so a long read never waits for (or blocks) the journal writer.
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    internal override IJournalWriter CreateWriter(TimeProvider clock) => new SqliteJournalWriter(OpenSqlite());

    internal SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection, not stored in the file: every acknowledged write (events, profiles, models) is on disk.
        connection.Execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        return connection;
    }
}
