using System.Data;
using System.Data.Common;
using Attune.Silo.Journal;
using Npgsql;

namespace Attune.Silo.Database;

/// <summary>
/// The journal database in PostgreSQL, shared by every silo of a cluster. The schema is Attune's own and migrated at
/// start-up under an advisory lock, so any number of silos may start at once: one migrates, the rest wait and find
/// nothing left to do.
/// </summary>
public sealed class PostgresJournalDatabase : JournalDatabase
{
    /// <summary>The setting the connection string comes from, named in every start-up error.</summary>
    public const string Setting = "Attune:Storage:Postgres";

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">The Npgsql connection string (<see cref="Setting"/>).</param>
    /// <param name="maxConnections">The pool's size unless the connection string sets <c>Maximum Pool Size</c>.</param>
    /// <param name="jobConnections">The pool size of the connection string handed to Hangfire.</param>
    public PostgresJournalDatabase(string connectionString, int maxConnections = 16, int jobConnections = 5)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Setting} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        // Bounded pools: a burst of grain activations waits for a connection instead of exhausting the server's slots.
        var explicitPool = connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) ||
                           connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase);
        if (!explicitPool)
        {
            builder.MaxPoolSize = maxConnections;
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { MaxPoolSize = jobConnections }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            PostgresSchema.Migrate(_dataSource);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            _dataSource.Dispose();
            throw new InvalidOperationException(
                $"{Setting}: cannot use PostgreSQL at {Location} as user '{builder.Username}': {ex.Message}", ex);
        }
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string Location { get; }

    public override int SchemaVersion => PostgresSchema.LatestVersion;

    /// <summary>The pooled data source, for components that take one (Hangfire's storage, Data Protection keys).</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The connection string for Hangfire, with its own smaller pool. Contains the password: never log it.</summary>
    internal string ConnectionString { get; }

    public override DbConnection Open() => _dataSource.OpenConnection();

    public override async ValueTask<DbConnection> OpenAsync() => await _dataSource.OpenConnectionAsync();

    public override DbTransaction BeginSnapshotRead(DbConnection connection) =>
        ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    internal override IJournalWriter CreateWriter(TimeProvider clock) => new PostgresJournalWriter(_dataSource);

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }
}
