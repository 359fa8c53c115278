using Attune.LmsAdapters.Moodle;
using Attune.LmsAdapters.Xapi;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Attune.Silo.Security;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Connections;

/// <summary>
/// An xAPI 1.0.3 statements endpoint that Moodle's logstore_xapi (or any xAPI sender) can be pointed at. A batch is
/// validated whole before anything is written; statements without an id get a deterministic one, so resent batches
/// are no-ops. Statements from a Moodle site the tenant has connected map to the same learner, item and course ids as
/// that connection's pulls.
/// </summary>
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
        group.MapPost("/statements", (HttpContext context, string? connection, ConnectionStore store, EventIngestor ingestor, IOptions<AttuneOptions> options, TimeProvider clock) =>
                ReceiveAsync(context, null, connection, store, ingestor, options, clock))
            .WithName("PostXapiStatements")
            .WithSummary("One statement or an array; 200 with the statement ids in order");
        group.MapPut("/statements", (HttpContext context, string? statementId, string? connection, ConnectionStore store, EventIngestor ingestor, IOptions<AttuneOptions> options, TimeProvider clock) =>
                Guid.TryParse(statementId, out var id)
                    ? ReceiveAsync(context, id, connection, store, ingestor, options, clock)
                    : Task.FromResult(Invalid("statementId", "is required: the statement's UUID")))
            .WithName("PutXapiStatement")
            .WithSummary("One statement with its id in ?statementId=; 204");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, Guid? statementId, string? connectionId, ConnectionStore store, EventIngestor ingestor, IOptions<AttuneOptions> options, TimeProvider clock)
    {
        var version = context.Request.Headers["X-Experience-API-Version"].ToString();
        if (!version.StartsWith("1.0", StringComparison.Ordinal))
        {
            return Invalid("X-Experience-API-Version", $"header is required and must be 1.0.x (got '{version}')");
        }
        var tenant = context.User.Tenant();
        if (MapperFor(tenant, connectionId, store, clock) is not { } mapper)
        {
            return Invalid("connection", $"'{connectionId}' is not a connection of tenant {tenant.Value}");
        }
        var limit = options.Value.Ingestion.MaxBodyBytes;
        if (await RequestBody.ReadBytesAsync(context, limit) is not { } body)
        {
            return RequestBody.TooLarge(limit);
        }
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
        return statementId is null ? TypedResults.Ok(batch.StatementIds) : TypedResults.NoContent();
    }

    /// <summary>The tenant's named connection, else its only Moodle connection, else generic xAPI mapping.</summary>
    private static XapiStatementMapper? MapperFor(TenantId tenant, string? connectionId, ConnectionStore store, TimeProvider clock)
    {
        var connections = store.List(tenant);
        var connection = connectionId is not null
            ? connections.FirstOrDefault(c => c.Id == connectionId)
            : connections.Where(c => c.Kind == LmsConnection.Moodle).Take(2).Count() == 1 ? connections.Single(c => c.Kind == LmsConnection.Moodle) : null;
        if (connectionId is not null && connection is null)
        {
            return null;
        }
        if (connection is null)
        {
            return new XapiStatementMapper(new XapiMappingOptions { Source = "xapi", TimeProvider = clock });
        }
        var urls = new MoodleSiteUrls(connection.Url);
        return new XapiStatementMapper(new XapiMappingOptions
        {
            Source = connection.Id,
            AccountHomePage = connection.Url.ToString(),
            ItemIdFromIri = urls.ItemIdFromIri,
            CourseIdFromIri = urls.CourseIdFromIri,
            TimeProvider = clock,
        });
    }

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem("The request is invalid; nothing was stored.");
    }
}
