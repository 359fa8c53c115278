using System.Diagnostics;
using Attune.LmsAdapters;
using Attune.Silo.Catalog;
using Attune.Silo.Connections.Identities;
using Hangfire;
using Hangfire.Server;

namespace Attune.Silo.Connections;

/// <summary>
/// Pulls one LMS connection through its kind's connector: runs it from the stored cursor, writes the catalog, course
/// titles, identities and events, and only then stores the new cursor, so a crash mid-sync repeats work (deduplicated
/// by fact keys) but never skips it. A pass that cannot read what it needs fails (Hangfire marks the job Failed and
/// retries it) with the reason in <c>lastError</c>; a second run of the same connection while one runs is skipped.
/// </summary>
public sealed class ConnectionSyncJob(
    ConnectionStore store, LmsConnectors connectors, LmsConnectionContexts contexts, LmsIngestion ingestion, CourseTitles titles,
    LmsIdentityMap identities, IdentityRepairJob repair, Jobs.JobLocks locks, Ingestion.EventRules rules, TimeProvider clock, ILogger<ConnectionSyncJob> logger)
{
    private const int MaxReportedRefusals = 20;

    [JobDisplayName("Sync LMS connection {0}")]
    // A refusal (a bad token, a function the token lacks) fails at once: retrying asks the same question of the same LMS.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(LmsRefusedException)])]
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

    /// <summary>One pass; a failure is recorded on the connection and rethrown so Hangfire fails the job and retries it.</summary>
    public async Task<string> SyncAsync(LmsConnection connection, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        var previous = connection.Status;
        try
        {
            var connector = connectors.Find(connection.Kind)
                ?? throw new NotSupportedException($"Connections of kind '{connection.Kind}' cannot be pulled by this silo (it knows {string.Join(", ", connectors.Kinds)}).");
            var tenant = new TenantId(connection.Tenant);
            var source = connector.Site(connection.Url).Source;
            var result = await connector.SyncAsync(contexts.For(connection), connection.Cursor, cancellationToken);

            var catalogItems = ingestion.WriteCatalog(tenant, result.Catalog);
            foreach (var course in result.Courses)
            {
                titles.Upsert(tenant, course.Course, course.Title, course.ShortName);
            }
            identities.RecordPulled(tenant, source, result.Learners);
            // The rules every door applies hold for pulled records too: one that breaks them is reported, not written, and
            // the cursor still moves past it (the LMS would send the same record on every pass).
            var events = new List<LearningEvent>(result.Events.Count);
            var refused = new List<string>();
            foreach (var e in result.Events)
            {
                if (rules.TimestampProblem(e.Timestamp) is { } problem)
                {
                    refused.Add($"event {e.Id}: timestamp {e.Timestamp:O} {problem}; not written");
                }
                else
                {
                    events.Add(e);
                }
            }
            var (accepted, duplicates) = await ingestion.WriteEventsAsync(tenant, events, cancellationToken);
            // Names this pass taught the identity map may resolve learners pushed earlier under another name (an mbox).
            var repaired = await repair.RepairAsync(tenant, cancellationToken);
            if (result.Settings is { Count: > 0 } learned)
            {
                var settings = connection.Settings.ToDictionary();
                foreach (var (key, value) in learned)
                {
                    settings[key] = value;
                }
                store.UpdateSettings(connection.Id, settings);
            }
            var status = new ConnectionStatus
            {
                LastSyncAt = at,
                LastSuccessAt = at,
                LastDuration = Stopwatch.GetElapsedTime(started),
                EventsAccepted = accepted,
                EventsDuplicate = duplicates,
                EventsRefused = refused.Count,
                RefusedEvents = refused.Count <= MaxReportedRefusals
                    ? refused
                    : [.. refused.Take(MaxReportedRefusals), $"… and {refused.Count - MaxReportedRefusals} more"],
                CatalogItems = catalogItems,
                Learners = result.Learners.Count,
                Courses = result.Courses.Count,
                Warnings = result.Warnings,
                CourseErrors = result.Errors,
                RequiredFunctions = result.Site.Required,
                OptionalFunctions = result.Site.Optional,
                MissingFunctions = [.. result.Site.MissingRequired, .. result.Site.MissingOptional],
                Site = result.Site.Site,
                Source = source,
            };
            // The cursor moves only now that every event it covers is durable in the journal.
            store.RecordSync(connection.Id, status, result.Cursor);
            logger.LogInformation("Synced connection {Connection}: {Accepted} new events, {Duplicates} already known, {Refused} refused, {Catalog} catalog items, {Errors} course errors",
                connection.Id, accepted, duplicates, refused.Count, catalogItems, result.Errors.Count);
            return $"{accepted} new events, {duplicates} already known, {refused.Count} refused, {catalogItems} catalog items, {result.Errors.Count} course errors. Identities: {repaired}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = ex switch
            {
                LmsRefusedException refused => refused.Message,
                LmsTransportException transport => $"The site could not be read: {transport.Message}",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            store.RecordSync(connection.Id, previous with { LastSyncAt = at, LastError = error, LastDuration = Stopwatch.GetElapsedTime(started) }, cursor: null);
            logger.LogWarning("Sync of connection {Connection} failed: {Error}", connection.Id, error);
            throw;
        }
    }
}
