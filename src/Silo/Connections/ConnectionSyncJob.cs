using System.Diagnostics;
using System.Text.Json;
using Attune.LmsAdapters.Canvas;
using Attune.LmsAdapters.Moodle;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Connections;

/// <summary>
/// Pulls one LMS connection: runs its adapter from the stored cursor, writes the catalog and the events, and only then
/// stores the new cursor, so a crash mid-sync repeats work (deduplicated by deterministic event ids) but never skips it.
/// LMS errors end up on the connection's status; a second run of the same connection while one runs is skipped.
/// </summary>
public sealed class ConnectionSyncJob(
    ConnectionStore store, LmsIngestion ingestion, IHttpClientFactory http, Jobs.JobLocks locks, TimeProvider clock, ILoggerFactory loggers)
{
    public const string HttpClientName = "lms";
    private readonly ILogger _logger = loggers.CreateLogger<ConnectionSyncJob>();

    [JobDisplayName("Sync LMS connection {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string> RunAsync(string connectionId, PerformContext? context, CancellationToken cancellationToken)
    {
        var lease = locks.TryAcquire($"attune:sync:{connectionId}");
        if (lease is null)
        {
            return $"Skipped: connection {connectionId} is already syncing.";
        }
        using (lease)
        {
            var connection = store.Find(connectionId);
            if (connection is null)
            {
                return $"Connection {connectionId} no longer exists.";
            }
            var outcome = await SyncAsync(connection, cancellationToken);
            context?.SetJobParameter("Outcome", outcome);
            return outcome;
        }
    }

    /// <summary>One pass; errors that concern the whole connection are recorded on it and rethrown so Hangfire retries.</summary>
    public async Task<string> SyncAsync(LmsConnection connection, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        var previous = connection.Status;
        try
        {
            var status = connection.Kind switch
            {
                LmsConnection.Moodle => await SyncMoodleAsync(connection, cancellationToken),
                LmsConnection.Canvas => await SyncCanvasAsync(connection, cancellationToken),
                _ => throw new NotSupportedException($"Connections of kind '{connection.Kind}' cannot be pulled by this silo."),
            };
            status = status with { LastSyncAt = at, LastSuccessAt = at, LastDuration = Stopwatch.GetElapsedTime(started) };
            _logger.LogInformation("Synced connection {Connection}: {Accepted} new events, {Duplicates} already known, {Catalog} catalog items, {Errors} course errors",
                connection.Id, status.EventsAccepted, status.EventsDuplicate, status.CatalogItems, status.CourseErrors.Count);
            return $"{status.EventsAccepted} new events, {status.EventsDuplicate} already known, {status.CatalogItems} catalog items, {status.CourseErrors.Count} course errors.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = ex switch
            {
                MoodleException moodle => $"Moodle error {moodle.ErrorCode}: {moodle.Message}",
                CanvasApiException canvas => $"Canvas answered {(int)canvas.StatusCode} on {canvas.Path}: {canvas.CanvasMessage}",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            store.RecordSync(connection.Id, previous with { LastSyncAt = at, LastError = error, LastDuration = Stopwatch.GetElapsedTime(started) }, cursor: null);
            _logger.LogWarning("Sync of connection {Connection} failed: {Error}", connection.Id, error);
            throw;
        }
    }

    private async Task<ConnectionStatus> SyncCanvasAsync(LmsConnection connection, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(connection.Tenant);
        var client = new CanvasClient(http.CreateClient(HttpClientName), new CanvasConnection(connection.Url, store.Token(connection.Id)),
            timeProvider: clock, logger: loggers.CreateLogger<CanvasClient>());
        var sync = new CanvasSync(client, new CanvasSyncOptions { Source = connection.Id }, clock, loggers.CreateLogger<CanvasSync>());
        var result = await sync.RunAsync(CanvasSyncCursor.FromJson(connection.Cursor), cancellationToken);

        var catalogItems = ingestion.WriteCatalog(tenant, result.Catalog);
        var (accepted, duplicates) = await ingestion.WriteEventsAsync(tenant, result.Events, cancellationToken);
        // Live events name a quiz's assignment; the aliases learned here let them credit the quiz itself.
        var settings = connection.Settings.ToDictionary();
        settings[CanvasSettings.ItemAliases] = JsonSerializer.Serialize(result.ItemAliases);
        store.UpdateSettings(connection.Id, settings);
        var status = new ConnectionStatus
        {
            EventsAccepted = accepted,
            EventsDuplicate = duplicates,
            CatalogItems = catalogItems,
            Learners = result.Learners.Count,
            Courses = result.Courses.Count,
            Warnings = result.Warnings.Select(w => $"{w.Course.Value}: {w.Message}").ToList(),
            CourseErrors = result.Errors.Select(e => $"{e.Course.Value}: {e.Message}").ToList(),
            Site = connection.Url.ToString(),
        };
        store.RecordSync(connection.Id, status, result.Cursor.ToJson());
        return status;
    }

    private async Task<ConnectionStatus> SyncMoodleAsync(LmsConnection connection, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(connection.Tenant);
        var client = new MoodleClient(http.CreateClient(HttpClientName), new MoodleConnection(connection.Url, store.Token(connection.Id)),
            timeProvider: clock, logger: loggers.CreateLogger<MoodleClient>());
        var sync = new MoodleSync(client, new MoodleSyncOptions { Source = connection.Id }, clock, loggers.CreateLogger<MoodleSync>());
        var result = await sync.RunAsync(MoodleSyncCursor.FromJson(connection.Cursor), cancellationToken);

        var catalogItems = ingestion.WriteCatalog(tenant, result.Catalog);
        var (accepted, duplicates) = await ingestion.WriteEventsAsync(tenant, result.Events, cancellationToken);
        var status = new ConnectionStatus
        {
            EventsAccepted = accepted,
            EventsDuplicate = duplicates,
            CatalogItems = catalogItems,
            Learners = result.Learners.Count,
            Courses = result.Courses.Count,
            Warnings = result.Warnings.Select(w => $"{w.Course?.Value ?? "site"} {w.Function}: {w.Warning.WarningCode} {w.Warning.Message}").ToList(),
            CourseErrors = result.Errors.Select(e => $"{e.Course?.Value ?? "site"} {e.Function}: {e.ErrorCode} {e.Message}").ToList(),
            MissingFunctions = result.Site.MissingRequiredFunctions.Concat(result.Site.MissingOptionalFunctions).ToList(),
            Site = $"{result.Site.SiteName} (Moodle {result.Site.Release})",
        };
        // The cursor moves only now that every event it covers is durable in the journal.
        store.RecordSync(connection.Id, status, result.Cursor.ToJson());
        return status;
    }
}
