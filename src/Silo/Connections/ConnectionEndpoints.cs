using System.Text.Json;
using Attune.LmsAdapters.Moodle;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Attune.Silo.Security;
using Hangfire;
using Microsoft.Extensions.Options;

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
        group.MapGet("", (string? tenant, ConnectionStore store) =>
                TypedResults.Ok(store.List(tenant is null ? null : new TenantId(tenant)).Select(ConnectionView.From).ToList()))
            .WithName("ListConnections");
        group.MapGet("/{id}", (string id, ConnectionStore store) =>
                store.Find(id) is { } c ? Results.Ok(ConnectionView.From(c)) : NotFound(id))
            .WithName("GetConnection")
            .WithSummary("A connection's last sync, cursor, counts and last error (never its token)");
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
        return app;
    }

    public static string RecurringId(string connectionId) => $"sync:{connectionId}";

    private static async Task<IResult> RegisterAsync(
        HttpContext context, ConnectionStore store, TenantDirectory tenants, IHttpClientFactory http, IRecurringJobManager recurring,
        IOptions<AttuneOptions> options, TimeProvider clock, CancellationToken cancellationToken)
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
            var kind = JsonFields.Text(body, "kind", "", errors, 32);
            var url = JsonFields.Text(body, "url", "", errors, 2000);
            var token = JsonFields.Text(body, "token", "", errors, 4000);
            var schedule = JsonFields.Text(body, "schedule", "", errors, 100) ?? "*/15 * * * *";
            var id = JsonFields.Identifier(body, "id", "", errors, required: false);
            var settings = new Dictionary<string, string>();
            if (body.TryGetProperty("jwks", out var jwks) && jwks.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            {
                var text = jwks.ValueKind == JsonValueKind.String ? jwks.GetString()! : jwks.GetRawText();
                try
                {
                    Attune.LmsAdapters.Canvas.CanvasJsonWebKeySet.Parse(text);
                    settings[CanvasSettings.Jwks] = text;
                }
                catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
                {
                    errors.Add("jwks", $"is not a JSON Web Key Set: {ex.Message}");
                }
            }
            if (body.TryGetProperty("allowUnsignedLiveEvents", out var unsigned) && unsigned.ValueKind == JsonValueKind.True)
            {
                settings[CanvasSettings.AllowUnsigned] = "true";
            }
            if (tenant is not null && !tenants.Tenants.Any(t => t.Value == tenant))
            {
                errors.Add("tenant", $"'{tenant}' is not a configured tenant");
            }
            if (kind is null || !LmsConnection.Kinds.Contains(kind))
            {
                errors.Add("kind", $"is required: one of {string.Join(", ", LmsConnection.Kinds)}");
            }
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var site) || site.Scheme is not ("https" or "http"))
            {
                errors.Add("url", "is required: the site's absolute http(s) URL");
                site = null;
            }
            if (string.IsNullOrWhiteSpace(token))
            {
                errors.Add("token", "is required: the web-service token (or env:NAME to read it from an environment variable)");
            }
            if (errors.Any)
            {
                return errors.ToProblem("The connection is invalid; nothing was registered.");
            }
            id ??= $"{kind}-{Guid.NewGuid():n}"[..(kind!.Length + 9)];
            var check = kind == LmsConnection.Moodle
                ? await CheckMoodleAsync(http, site!, token!, clock, cancellationToken)
                : await CheckCanvasAsync(http, site!, token!, clock, cancellationToken);
            if (check.Error is not null)
            {
                var bad = new FieldErrors();
                bad.Add("token", check.Error);
                return bad.ToProblem("The LMS refused the connection; nothing was registered.");
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
                new RegisteredConnection(ConnectionView.From(store.Find(id)!), check.Site, check.MissingFunctions));
        }
    }

    /// <summary>Calls core_webservice_get_site_info with the token, as registration must.</summary>
    private static async Task<SiteCheck> CheckMoodleAsync(IHttpClientFactory http, Uri site, string token, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (token.StartsWith("env:", StringComparison.Ordinal))
        {
            token = Environment.GetEnvironmentVariable(token[4..]) ?? "";
        }
        try
        {
            var client = new MoodleClient(http.CreateClient(ConnectionSyncJob.HttpClientName), new MoodleConnection(site, token),
                new MoodleClientOptions { MaxAttempts = 1 }, clock);
            var info = await client.CheckSiteAsync(cancellationToken);
            return new SiteCheck($"{info.SiteName} (Moodle {info.Release}) as {info.UserName}",
                info.MissingRequiredFunctions.Concat(info.MissingOptionalFunctions).ToList(), null);
        }
        catch (MoodleException ex)
        {
            return new SiteCheck(null, [], $"Moodle answered {ex.ErrorCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or MoodleTransportException or TaskCanceledException)
        {
            return new SiteCheck(null, [], $"the site could not be reached: {ex.Message}");
        }
    }

    /// <summary>Reads the token's own user, the cheapest call that proves the token works.</summary>
    private static async Task<SiteCheck> CheckCanvasAsync(IHttpClientFactory http, Uri site, string token, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (token.StartsWith("env:", StringComparison.Ordinal))
        {
            token = Environment.GetEnvironmentVariable(token[4..]) ?? "";
        }
        try
        {
            var client = new Attune.LmsAdapters.Canvas.CanvasClient(http.CreateClient(ConnectionSyncJob.HttpClientName),
                new Attune.LmsAdapters.Canvas.CanvasConnection(site, token), timeProvider: clock);
            var self = await client.GetAsync<JsonElement>("/api/v1/users/self", cancellationToken: cancellationToken);
            var name = self.TryGetProperty("name", out var n) ? n.GetString() : "?";
            return new SiteCheck($"Canvas at {site} as {name}", [], null);
        }
        catch (Attune.LmsAdapters.Canvas.CanvasApiException ex)
        {
            return new SiteCheck(null, [], $"Canvas answered {(int)ex.StatusCode}: {ex.CanvasMessage}");
        }
        catch (Exception ex) when (ex is HttpRequestException or Attune.LmsAdapters.Canvas.CanvasTransportException or TaskCanceledException)
        {
            return new SiteCheck(null, [], $"the site could not be reached: {ex.Message}");
        }
    }

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown connection", detail: $"id: no connection '{id}'.");

    private sealed record SiteCheck(string? Site, IReadOnlyList<string> MissingFunctions, string? Error);
}

/// <summary>The body of <c>POST /api/v1/admin/connections</c>.</summary>
public sealed record ConnectionRequest(string Tenant, string Kind, string Url, string Token, string? Schedule, string? Id, JsonElement? Jwks, bool? AllowUnsignedLiveEvents);

/// <summary>A connection as admins see it: no token.</summary>
public sealed record ConnectionView(string Id, string Tenant, string Kind, string Url, string Schedule, DateTimeOffset CreatedAt, JsonElement? Cursor, ConnectionStatus Status)
{
    public static ConnectionView From(LmsConnection c) => new(c.Id, c.Tenant, c.Kind, c.Url.ToString(), c.Schedule, c.CreatedAt,
        c.Cursor is null ? null : JsonDocument.Parse(c.Cursor).RootElement.Clone(), c.Status);
}

public sealed record RegisteredConnection(ConnectionView Connection, string? Site, IReadOnlyList<string> MissingFunctions);
