using System.Data.Common;

namespace Attune.Silo.Database;

/// <summary>Where the journal, model versions, connections, profiles, catalog and tenant keys live.</summary>
public enum StorageProvider
{
    /// <summary>One embedded file in the data folder: the default, for one silo.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every silo of a cluster.</summary>
    Postgres,
}

/// <summary>
/// The journal database as every store sees it: a connection factory plus the few places where SQLite and PostgreSQL
/// differ. Stores write portable SQL with <c>@name</c> parameters (both drivers accept them) and
/// <see cref="DbCommandExtensions.Add"/>; the schema and the journal's write path are the only per-provider code.
/// </summary>
public abstract class JournalDatabase : IDisposable
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Where the database is, for logs and health: a file path or host/port/database, never a password.</summary>
    public abstract string Location { get; }

    /// <summary>An open, pooled connection; dispose it when done.</summary>
    public abstract DbConnection Open();

    /// <summary>As <see cref="Open"/>, without blocking on the network (PostgreSQL).</summary>
    public virtual ValueTask<DbConnection> OpenAsync() => ValueTask.FromResult(Open());

    /// <summary>
    /// A transaction for several statements that must see one consistent state without blocking the journal writer
    /// (SQLite: a deferred transaction; PostgreSQL: repeatable read).
    /// </summary>
    public abstract DbTransaction BeginSnapshotRead(DbConnection connection);

    /// <summary>The schema version the database is at after start-up's migration.</summary>
    public abstract int SchemaVersion { get; }

    /// <summary>The journal's write path for this database: group commit of many batches in one transaction.</summary>
    internal abstract Journal.IJournalWriter CreateWriter(TimeProvider clock);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter (<c>@name</c> in the SQL); null becomes SQL NULL.</summary>
    public static DbCommand Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A command on <paramref name="connection"/> in <paramref name="transaction"/> (if any).</summary>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static int Execute(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.Command(sql, transaction);
        return command.ExecuteNonQuery();
    }

    /// <summary>Reads an integer scalar as <see cref="long"/> whatever width the provider returns it in; null stays null.</summary>
    public static long? ScalarInt64(this DbCommand command) => command.ExecuteScalar() switch
    {
        null or DBNull => null,
        var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };

}
