using System.Text.Json;
using Attune.LmsAdapters.Caliper;
using Attune.LmsAdapters;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Attune.Silo.Security;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Connections;

/// <summary>
/// Receivers for events an LMS pushes: Canvas Live Events (a signed JWT per delivery, verified against the
/// connection's JWKS) and Caliper 1.1 envelopes from any sensor (a tenant's Bearer key); an envelope in an LMS's own form
/// (<see cref="ILmsCaliperSender"/>: Canvas Live Events in Caliper form) is placed under the site its sensor names.
/// Both validate a delivery whole before writing, and deterministic event ids make a redelivery a no-op.
/// </summary>
public static class PushEndpoints
{
    public static IEndpointRouteBuilder MapPushApi(this IEndpointRouteBuilder app)
    {
        // Not anonymous: the body is a JWT whose signature, checked against this connection's keys, is the credential.
        app.MapPost("/lms/canvas/{connection}/live-events", ReceivePushAsync)
            .AllowAnonymous()
            .WithTags("LMS push: Canvas")
            .WithName("PostCanvasLiveEvent")
            .WithSummary("One Canvas Live Event (Canvas or Caliper format), a JWT signed with a key of the connection's JWKS");
        // The same door for any kind whose connector verifies its own pushes (the connector refuses what it cannot verify).
        app.MapPost("/lms/connections/{connection}/push", ReceivePushAsync)
            .AllowAnonymous()
            .WithTags("LMS push")
            .WithName("PostLmsPush")
            .WithSummary("One delivery an LMS pushes to a connection, verified and mapped by the connection's connector");
        app.MapPost("/caliper", ReceiveCaliperAsync)
            .RequireAuthorization(AttuneAuthentication.TenantPolicy)
            .WithTags("LMS push: Caliper")
            .WithName("PostCaliperEnvelope")
            .WithSummary("A Caliper 1.1 envelope; 400 for a malformed envelope, 422 for an unsupported dataVersion");
        return app;
    }

    private static async Task<IResult> ReceivePushAsync(
        string connection, HttpContext context, ConnectionStore store, LmsConnectors connectors, LmsConnectionContexts contexts,
        EventIngestor ingestor, IgnoredVerbs ignored, IOptions<AttuneOptions> options)
    {
        var registered = store.Find(connection);
        if (registered is null || connectors.Find(registered.Kind) is not { } connector)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown connection", detail: $"connection: no connection '{connection}'.");
        }
        var (body, unreadable) = await RequestBody.ReadAsync(context, options.Value.Ingestion.MaxBodyBytes);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var mapping = connector.MapPush(contexts.For(registered), new LmsPush(body!.Value, context.Request.ContentType));
        if (mapping.Unverified is { } unverified)
        {
            return TypedResults.Problem(statusCode: 401, title: "Unverified delivery", detail: $"body: {unverified}");
        }
        if (mapping.Error is { } error)
        {
            var errors = new FieldErrors();
            errors.Add(error.Field, error.Message);
            return errors.ToProblem("The delivery is invalid; nothing was stored.");
        }
        var tenant = new TenantId(registered.Tenant);
        if (mapping.Events.Count > 0)
        {
            await ingestor.IngestAsync(tenant, mapping.Events, context.RequestAborted);
        }
        ignored.Count(tenant, connector.Site(registered.Url).Source, mapping.IgnoredByVerb);
        return TypedResults.Ok(new PushResult(mapping.Events.Count, mapping.Skipped));
    }

    private static async Task<IResult> ReceiveCaliperAsync(
        HttpContext context, EventIngestor ingestor, EventRules rules, IEnumerable<ILmsConnector> connectors, ConnectionStore store, IgnoredVerbs ignored,
        IOptions<AttuneOptions> options)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !(contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
                                     contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: $"Send the envelope as application/json (got '{contentType ?? "none"}').");
        }
        var (body, unreadable) = await RequestBody.ReadAsync(context, options.Value.Ingestion.MaxBodyBytes);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (JsonBody.Check(body!.Value, CaliperEnvelopeParser.MaxDepth) is { } badJson)
        {
            return badJson;
        }
        var tenant = context.User.Tenant();
        var mapping = new CaliperEventMapper(new CaliperMappingOptions { Source = "caliper", TimestampProblem = rules.TimestampProblem }).MapBody(body.Value);
        if (!mapping.IsValid)
        {
            return Problem(mapping.Error!);
        }
        // An envelope in an LMS's own form (Canvas Live Events in Caliper format) is placed under the site it names and
        // mapped as that site's push door maps it, so it meets the site's pull and Canvas-form events as one set of facts.
        foreach (var sender in connectors.OfType<ILmsCaliperSender>())
        {
            if (sender.SiteOf(body.Value) is not { } site)
            {
                continue;
            }
            var connection = store.List(tenant).FirstOrDefault(c => c.Kind == site.Kind && LmsSite.Of(c.Kind, c.Url).Source == site.Source);
            var sited = sender.MapCaliper(site, connection?.Settings ?? new Dictionary<string, string>(), new LmsPush(body.Value, contentType), rules.TimestampProblem);
            if (sited.Error is { } error)
            {
                var errors = new FieldErrors();
                errors.Add(error.Field, error.Message);
                return errors.ToProblem("The delivery is invalid; nothing was stored.");
            }
            if (sited.Events.Count > 0)
            {
                await ingestor.IngestAsync(tenant, sited.Events, context.RequestAborted);
            }
            ignored.Count(tenant, site.Source, sited.IgnoredByVerb);
            return TypedResults.Ok(new PushResult(sited.Events.Count, sited.Skipped));
        }
        if (mapping.Events.Count > 0)
        {
            await ingestor.IngestAsync(tenant, mapping.Events, context.RequestAborted);
        }
        return TypedResults.Ok(new PushResult(mapping.Events.Count, mapping.Results.Where(r => r.Event is null).Select(r => r.SkipReason ?? "skipped").ToList()));
    }

    private static IResult Problem(CaliperEnvelopeError error)
    {
        var errors = new FieldErrors();
        errors.Add(error.Field.Length == 0 ? "body" : error.Field, error.Message);
        return error.Kind == CaliperErrorKind.UnsupportedDataVersion
            ? TypedResults.Problem(statusCode: 422, title: "Unsupported Caliper dataVersion; nothing was stored.", detail: error.ToString(),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.ByField })
            : errors.ToProblem("The delivery is invalid; nothing was stored.");
    }
}

/// <summary>What a push receiver did: events written (or found already journaled) and why the rest were skipped.</summary>
public sealed record PushResult(int Events, IReadOnlyList<string> Skipped);
