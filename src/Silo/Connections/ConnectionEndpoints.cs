using System.Text.Json;
using Attune.LmsAdapters;
using Attune.Silo.Connections.Identities;
using Attune.Silo.Api;
using Attune.Silo.Security;
using Hangfire;

namespace Attune.Silo.Connections;

public static class ConnectionEndpoints
{
    public static IEndpointRouteBuilder MapConnectionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/connections")
            .RequireAuthorization(AttuneAuthentication.AdminPolicy)
            .WithTags("Admin: LMS connections");
        group.MapPost("", RegisterAsync)
            .WithName("RegisterConnection")
            .WithSummary("Register (or replace) an LMS connection; checks the site and reports which web-service functions the token lacks")
            .DocumentsJsonBody<ConnectionRequest>()
            .ProducesValidationProblem();
        group.MapGet("", (string? tenant, ConnectionStore store, LmsConnectors connectors, IgnoredVerbs ignored) =>
                TypedResults.Ok(store.List(tenant is null ? null : new TenantId(tenant)).Select(c => ConnectionView.From(c, connectors, ignored)).ToList()))
            .WithName("ListConnections");
        group.MapGet("/{id}", (string id, ConnectionStore store, LmsConnectors connectors, IgnoredVerbs ignored) =>
                store.Find(id) is { } c ? Results.Ok(ConnectionView.From(c, connectors, ignored)) : NotFound(id))
            .WithName("GetConnection")
            .WithSummary("A connection's last sync, cursor, counts, last error and the pushed verbs its site's statements carried that map to no event (never its token)");
        group.MapPost("/{id}/sync", (string id, ConnectionStore store, IBackgroundJobClient jobs) =>
                store.Find(id) is null
                    ? NotFound(id)
                    : Results.Accepted($"/api/v1/admin/jobs/{{jobId}}", new { jobId = jobs.Enqueue<ConnectionSyncJob>(j => j.RunAsync(id, null, CancellationToken.None)), connection = id }))
            .WithName("SyncConnection")
            .WithSummary("Queue a sync of the connection now; 202 with the job id");
        group.MapDelete("/{id}", (string id, ConnectionStore store, IRecurringJobManager recurring) =>
            {
                if (!store.Delete(id))
                {
                    return NotFound(id);
                }
                recurring.RemoveIfExists(RecurringId(id));
                return Results.NoContent();
            })
            .WithName("DeleteConnection");
        // The identity map is filled by connections' pulls; its admin endpoints come with theirs.
        app.MapIdentityApi();
        return app;
    }

    public static string RecurringId(string connectionId) => $"sync:{connectionId}";

    private static async Task<IResult> RegisterAsync(
        HttpContext context, ConnectionStore store, TenantDirectory tenants, LmsConnectors connectors, LmsConnectionContexts contexts,
        IgnoredVerbs ignored, IRecurringJobManager recurring, Microsoft.Extensions.Options.IOptions<Hosting.AttuneOptions> options,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await RequestBody.ReadJsonAsync(context, 64 * 1024);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var errors = new FieldErrors();
            var body = document!.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "must be a JSON object");
                return errors.ToProblem("The connection is invalid; nothing was registered.");
            }
            var tenant = JsonFields.Identifier(body, "tenant", "", errors, required: true);
            var kind = JsonFields.Text(body, "kind", "", errors, 32)?.ToLowerInvariant();
            var url = JsonFields.Text(body, "url", "", errors, 2000);
            var token = JsonFields.Text(body, "token", "", errors, 4000);
            var schedule = JsonFields.Text(body, "schedule", "", errors, 100) ?? "*/15 * * * *";
            var id = JsonFields.Identifier(body, "id", "", errors, required: false);
            var connector = connectors.Find(kind);
            if (tenant is not null && !tenants.Tenants.Any(t => t.Value == tenant))
            {
                errors.Add("tenant", $"'{tenant}' is not a configured tenant");
            }
            if (connector is null)
            {
                errors.Add("kind", $"is required: one of {string.Join(", ", connectors.Kinds)}");
            }
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var site) || site.Scheme is not ("https" or "http"))
            {
                errors.Add("url", "is required: the site's absolute http(s) URL");
                site = null;
            }
            if (string.IsNullOrWhiteSpace(token))
            {
                errors.Add("token", $"is required: the web-service token (or env:NAME to read it from an environment variable whose name starts with {options.Value.Lms.TokenEnvironmentPrefix})");
            }
            else if (store.TokenReferenceProblem(token) is { } badReference)
            {
                errors.Add("token", badReference); // refused before anything reads the variable
            }
            if (site is not null && !options.Value.Lms.AllowPrivateAddresses && await LmsAddressGuard.CheckAsync(site, cancellationToken) is { } inside)
            {
                errors.Add("url", inside);
            }
            // Every other property is a setting of the connector's kind (a Canvas JWKS, say), checked by the connector.
            var settings = new Dictionary<string, string>();
            foreach (var property in body.EnumerateObject().Where(p => !RegistrationFields.Contains(p.Name)))
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
                if (connector?.ValidateSetting(property.Name, value) is { } wrong)
                {
                    errors.Add(property.Name, wrong);
                }
                else if (connector is not null)
                {
                    settings[property.Name] = value;
                }
            }
            if (errors.Any)
            {
                return errors.ToProblem("The connection is invalid; nothing was registered.");
            }
            id ??= $"{kind}-{Guid.NewGuid():n}"[..(kind!.Length + 9)];
            LmsSiteCheck check;
            try
            {
                check = await connector!.CheckAsync(contexts.Unsaved(new TenantId(tenant!), site!, token!, settings), cancellationToken);
            }
            catch (LmsRefusedException ex)
            {
                var bad = new FieldErrors();
                bad.Add("token", $"{connector!.DisplayName} answered {ex.Code}: {ex.Message}");
                return bad.ToProblem("The LMS refused the connection; nothing was registered.");
            }
            catch (Exception ex) when (ex is LmsTransportException or HttpRequestException or TaskCanceledException)
            {
                var bad = new FieldErrors();
                bad.Add("url", $"the site could not be reached: {ex.Message}");
                return bad.ToProblem("The LMS could not be reached; nothing was registered.");
            }
            if (!check.CanSync)
            {
                // A token that cannot read what a sync needs would register only to fail every pass.
                var bad = new FieldErrors();
                bad.Add("token", $"the token's service lacks the required function(s) {string.Join(", ", check.MissingRequired)}; " +
                    $"a sync needs {string.Join(", ", check.Required)} and uses {string.Join(", ", check.Optional)} when allowed");
                return bad.ToProblem("The token cannot sync; nothing was registered.");
            }
            try
            {
                // Hangfire parses the cron expression here and refuses a bad one before anything is stored.
                recurring.AddOrUpdate<ConnectionSyncJob>(RecurringId(id), "default", j => j.RunAsync(id, null, CancellationToken.None), schedule,
                    new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            catch (ArgumentException ex)
            {
                var bad = new FieldErrors();
                bad.Add("schedule", $"must be a cron expression, e.g. */15 * * * * ({ex.Message})");
                return bad.ToProblem("The connection is invalid; nothing was registered.");
            }
            store.Upsert(id, new TenantId(tenant!), kind!, site!, token!, schedule, settings);
            return TypedResults.Created($"/api/v1/admin/connections/{id}",
                new RegisteredConnection(ConnectionView.From(store.Find(id)!, connectors, ignored), check.Site, check.Required, check.Optional,
                    [.. check.MissingRequired, .. check.MissingOptional]));
        }
    }

    private static readonly HashSet<string> RegistrationFields = new(StringComparer.Ordinal) { "tenant", "kind", "url", "token", "schedule", "id" };

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown connection", detail: $"id: no connection '{id}'.");

}

/// <summary>The body of <c>POST /api/v1/admin/connections</c>; further properties are settings of the kind (a Canvas <c>jwks</c>, <c>allowUnsignedLiveEvents</c>).</summary>
public sealed record ConnectionRequest(string Tenant, string Kind, string Url, string Token, string? Schedule, string? Id, JsonElement? Jwks, bool? AllowUnsignedLiveEvents);

/// <summary>A connection as admins see it: no token; the site's source, and per verb what its pushes carried that no event kind takes.</summary>
public sealed record ConnectionView(
    string Id, string Tenant, string Kind, string Url, string? Source, string Schedule, DateTimeOffset CreatedAt, JsonElement? Cursor,
    ConnectionStatus Status, IReadOnlyDictionary<string, long> IgnoredVerbs)
{
    public static ConnectionView From(LmsConnection c, LmsConnectors connectors, IgnoredVerbs ignored)
    {
        var source = connectors.Find(c.Kind)?.Site(c.Url).Source;
        return new(c.Id, c.Tenant, c.Kind, c.Url.ToString(), source, c.Schedule, c.CreatedAt,
            c.Cursor is null ? null : JsonDocument.Parse(c.Cursor).RootElement.Clone(), c.Status,
            source is null ? new Dictionary<string, long>() : ignored.Of(new TenantId(c.Tenant), source));
    }
}

/// <summary>The answer to a registration: what the site check found, what a sync needs and uses, and what the token lacks.</summary>
public sealed record RegisteredConnection(
    ConnectionView Connection, string? Site, IReadOnlyList<string> RequiredFunctions, IReadOnlyList<string> OptionalFunctions, IReadOnlyList<string> MissingFunctions);
