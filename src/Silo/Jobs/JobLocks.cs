using Attune.Silo.Database;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace Attune.Silo.Jobs;

/// <summary>
/// "Never two at once" for a job and a key (say, one refactorization per tenant) across every silo. With PostgreSQL
/// the lock is a session advisory lock on a connection held for the job's duration, so it is released the moment
/// its holder's connection closes, even when the silo is killed. With SQLite (one silo) it is Hangfire's storage lock,
/// which a live holder renews and a dead one lets expire.
/// </summary>
public sealed class JobLocks(JobStorage storage, JournalDatabase database)
{
    /// <summary>The lock, or null when another run holds it. Dispose the lease to release it.</summary>
    public IDisposable? TryAcquire(string resource)
    {
        if (database is PostgresJournalDatabase postgres)
        {
            var connection = postgres.DataSource.OpenConnection();
            var key = AdvisoryLockKey.Of("attune:job", resource);
            using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", key);
            if (cmd.ExecuteScalar() is true)
            {
                return new Lease(() =>
                {
                    using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    unlock.Parameters.AddWithValue("key", key);
                    unlock.ExecuteNonQuery();
                }, connection);
            }
            connection.Dispose();
            return null;
        }
        var storageConnection = storage.GetConnection();
        try
        {
            // A short wait, not zero: some storages treat zero as "try forever" or throw at once on any contention.
            var lease = storageConnection.AcquireDistributedLock(resource, TimeSpan.FromMilliseconds(200));
            return new Lease(lease.Dispose, storageConnection);
        }
        catch (DistributedLockTimeoutException)
        {
            storageConnection.Dispose();
            return null;
        }
    }

    private sealed class Lease(Action release, IDisposable connection) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            try
            {
                release();
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
