using Attune.LmsAdapters;
using Attune.LmsAdapters.Xapi;
using Attune.Silo.Api;
using Attune.Silo.Connections.Identities;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Attune.Silo.Security;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Connections;

/// <summary>
/// An xAPI 1.0.3 statements endpoint that Moodle's logstore_xapi (or any xAPI sender) can be pointed at. A batch is
/// validated whole before anything is written. A statement from an LMS site an adapter recognises (by the site the
/// statement itself names: its actor's home page, its activity IRIs) is keyed by the fact it reports under the site's
/// source, so it and the pull of the same fact, a resend and a second connection's copy are one event, whether or not,
/// and however many times, the site is connected. Other statements get a deterministic id from their content.
/// </summary>
/// <remarks>
/// <c>/xapi/connections/{id}/statements</c> attributes every statement to that connection's site: logstore_xapi is
/// configured with the LRS endpoint <c>…/xapi/connections/{id}</c> and appends <c>/statements</c> itself (it would
/// append it after a query string, so a query cannot choose the connection).
/// </remarks>
public static class XapiEndpoints
{
    public const string Version = "1.0.3";

    public static IEndpointRouteBuilder MapXapiApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/xapi")
            .RequireAuthorization(AttuneAuthentication.LmsSenderPolicy)
            .WithTags("LMS push: xAPI");
        group.MapGet("/about", () => TypedResults.Ok(new { version = new[] { Version } }))
            .WithName("XapiAbout");
        group.MapGet("/connections/{connection}/about", () => TypedResults.Ok(new { version = new[] { Version } }))
            .WithName("XapiConnectionAbout");
        group.MapPost("/statements", (HttpContext context, XapiDoor door) => door.ReceiveAsync(context, null, null))
            .WithName("PostXapiStatements")
            .WithSummary("One statement or an array; 200 with the statement ids in order");
        group.MapPut("/statements", (HttpContext context, string? statementId, XapiDoor door) =>
                Guid.TryParse(statementId, out var id) ? door.ReceiveAsync(context, id, null) : Task.FromResult(Invalid("statementId", "is required: the statement's UUID")))
            .WithName("PutXapiStatement")
            .WithSummary("One statement with its id in ?statementId=; 204");
        group.MapPost("/connections/{connection}/statements", (HttpContext context, string connection, XapiDoor door) => door.ReceiveAsync(context, null, connection))
            .WithName("PostXapiConnectionStatements")
            .WithSummary("Statements of one connection's site (logstore_xapi endpoint …/xapi/connections/{id}); 200 with the statement ids in order");
        group.MapPut("/connections/{connection}/statements", (HttpContext context, string connection, string? statementId, XapiDoor door) =>
                Guid.TryParse(statementId, out var id) ? door.ReceiveAsync(context, id, connection) : Task.FromResult(Invalid("statementId", "is required: the statement's UUID")))
            .WithName("PutXapiConnectionStatement");
        return app;
    }

    internal static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem("The request is invalid; nothing was stored.");
    }
}

/// <summary>The work behind the xAPI routes: choose each statement's site profile, map, journal, count what is ignored.</summary>
public sealed class XapiDoor(
    ConnectionStore store, LmsConnectors connectors, IEnumerable<IXapiSiteProfileProvider> providers, LmsIdentityMap identities,
    ConnectedXapiSites connectedSites, EventIngestor ingestor, EventRules rules, LmsIngestion catalog, IgnoredVerbs ignored, IOptions<AttuneOptions> options, TimeProvider clock)
{
    private readonly IReadOnlyList<IXapiSiteProfileProvider> _providers = [.. providers];

    public async Task<IResult> ReceiveAsync(HttpContext context, Guid? statementId, string? connectionId)
    {
        var version = context.Request.Headers["X-Experience-API-Version"].ToString();
        if (!version.StartsWith("1.0", StringComparison.Ordinal))
        {
            return XapiEndpoints.Invalid("X-Experience-API-Version", $"header is required and must be 1.0.x (got '{version}')");
        }
        var tenant = context.User.Tenant();
        var lookup = identities.For(tenant);
        Func<XapiStatement, IXapiSiteProfile?> profileFor;
        if (connectionId is not null)
        {
            var connection = store.Find(connectionId);
            var connector = connection is null ? null : connectors.Find(connection.Kind);
            if (connection is null || connection.Tenant != tenant.Value || connector is not IXapiSiteProfileProvider provider)
            {
                return TypedResults.Problem(statusCode: 404, title: "Unknown connection",
                    detail: $"connection: '{connectionId}' is no connection of tenant {tenant.Value} that sends xAPI.");
            }
            var profile = provider.ProfileOf(connector.Site(connection.Url), lookup);
            profileFor = _ => profile;
        }
        else
        {
            // A statement that says which LMS sent it is placed by the site it names; one that does not (no platform
            // marker) is placed by a connected site it names, if any: the site is known to be that LMS's.
            var connected = connectedSites.Profiles(tenant, lookup);
            profileFor = statement => _providers.Select(p => p.ProfileFor(statement, lookup)).FirstOrDefault(p => p is not null)
                ?? connected.FirstOrDefault(p => p.Names(statement));
        }
        var limit = options.Value.Ingestion.MaxBodyBytes;
        var (read, unreadable) = await RequestBody.ReadAsync(context, limit);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var body = read!.Value;
        if (JsonBody.Check(body, XapiStatementParser.MaxDepth) is { } badJson)
        {
            return badJson;
        }
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "xapi",
            ProfileFor = profileFor,
            TimestampProblem = rules.TimestampProblem,
            TimeProvider = clock,
        });
        var batch = mapper.MapBatch(body, statementId);
        if (!batch.IsValid)
        {
            var errors = new FieldErrors();
            if (batch.BodyError is { } bodyError)
            {
                errors.Add("body", bodyError);
            }
            foreach (var error in batch.Errors)
            {
                errors.Add(error.Field.Length == 0 ? "body" : error.Field, error.Message);
            }
            return errors.ToProblem("The statements are invalid; none was stored.");
        }
        var events = batch.Events;
        if (events.Count > 0)
        {
            await ingestor.IngestAsync(tenant, events, context.RequestAborted);
        }
        // Course pages and single questions enter the catalog as not recommendable, so plans never offer them.
        catalog.WriteCatalogIfAbsent(tenant, batch.Statements.Where(s => s.NotAnActivity is not null).Select(s => s.NotAnActivity!));
        // Skipped verbs are counted against the site each statement names (through the profile), or "xapi" for others.
        foreach (var bySource in batch.Statements.Where(s => s.UnmappedVerb is not null).GroupBy(s => s.Source ?? "xapi"))
        {
            ignored.Count(tenant, bySource.Key, bySource.GroupBy(s => s.UnmappedVerb!).ToDictionary(g => g.Key, g => g.Count()));
        }
        return statementId is null ? TypedResults.Ok(batch.StatementIds) : TypedResults.NoContent();
    }

}
