using Attune.LmsAdapters;
using Attune.Silo.Connections.Identities;

namespace Attune.Silo.Connections;

/// <summary>Builds what a connector needs to work on one stored connection.</summary>
public sealed class LmsConnectionContexts(
    ConnectionStore store, LmsIdentityMap identities, IHttpClientFactory http, Ingestion.EventRules rules, TimeProvider clock, ILoggerFactory loggers)
{
    public const string HttpClientName = "lms";

    public LmsConnectionContext For(LmsConnection connection, LmsRetryPolicy? retry = null) => new()
    {
        Id = connection.Id,
        Url = connection.Url,
        Token = () => store.Token(connection.Id),
        Settings = connection.Settings,
        Http = http.CreateClient(HttpClientName),
        Retry = retry ?? new LmsRetryPolicy(),
        Time = clock,
        TimestampProblem = rules.TimestampProblem,
        Loggers = loggers,
        Identities = identities.For(new TenantId(connection.Tenant)),
    };

    /// <summary>A connection not stored yet (registration checks the site before anything is written).</summary>
    public LmsConnectionContext Unsaved(TenantId tenant, Uri url, string token, IReadOnlyDictionary<string, string> settings) => new()
    {
        Id = "(new)",
        Url = url,
        Token = () => store.Resolve(token),
        Settings = settings,
        Http = http.CreateClient(HttpClientName),
        // A person waits on a registration: one try, so a dead site answers in one time-out, not four.
        Retry = new LmsRetryPolicy { MaxAttempts = 1, MaxThrottledAttempts = 2 },
        Time = clock,
        TimestampProblem = rules.TimestampProblem,
        Loggers = loggers,
        Identities = identities.For(tenant),
    };
}
