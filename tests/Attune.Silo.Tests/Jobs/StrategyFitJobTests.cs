using Attune.Silo.Jobs;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Silo.Tests.Jobs;

/// <summary>The strategy-fit job's Hangfire side on real Hangfire storage (SQLite); the fitting itself is covered end to end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StrategyFitJobTests(ClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ASecondFitWhileOneRunsForTheTenantIsSkippedNotFailed()
    {
        var storage = new SQLiteStorage(Path.Combine(_folder.Path, "hangfire.db"), new SQLiteStorageOptions());
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // Hangfire's SQLite locks are re-entrant per thread, so the running fit holds its lock on a thread of its own.
        var running = new Thread(() =>
        {
            using var connection = storage.GetConnection();
            using (connection.AcquireDistributedLock(StrategyFitJob.LockPrefix + "uni", TimeSpan.FromSeconds(5)))
            {
                held.Set();
                release.Wait();
            }
        });
        running.Start();
        held.Wait();

        var outcome = await Job(storage).RunAsync("uni", null, null, CancellationToken.None);

        release.Set();
        running.Join();
        Assert.Equal("Skipped: a strategy fit of tenant uni is already running.", outcome);
    }

    [Fact]
    public async Task ATenantWhoseStrategiesHaveNoModelHasNothingToFit()
    {
        var storage = new SQLiteStorage(Path.Combine(_folder.Path, "hangfire.db"), new SQLiteStorageOptions());

        var outcome = await Job(storage).RunAsync("describers", null, null, CancellationToken.None);

        Assert.Equal("Nothing to fit: no strategy serving the tenant has a model.", outcome);
    }

    public void Dispose() => _folder.Dispose();

    private StrategyFitJob Job(SQLiteStorage storage) => new(
        fixture.Silo.GetRequiredService<ModelTrainer>(),
        fixture.Silo.GetRequiredService<ModelStore>(),
        fixture.Silo.GetRequiredService<Attune.Silo.Journal.EventJournal>(),
        fixture.Silo.GetRequiredService<Attune.Silo.Catalog.CourseCatalog>(),
        fixture.Silo.GetRequiredService<PluginSelector>(),
        fixture.Silo.GetRequiredService<PluginRegistry>(),
        new JobLocks(storage, fixture.Silo.GetRequiredService<Attune.Silo.Database.JournalDatabase>()),
        new JobProgressBoard(TimeProvider.System),
        fixture.Silo.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobOptions>>(),
        NullLogger<StrategyFitJob>.Instance);
}
