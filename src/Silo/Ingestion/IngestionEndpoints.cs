using Attune.Silo.Api;
using Attune.Silo.Security;

namespace Attune.Silo.Ingestion;

public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events", PostEventsAsync)
            .RequireAuthorization(AttuneAuthentication.TenantPolicy)
            .WithName("PostEvents")
            .WithTags("Ingestion")
            .WithSummary("Append a batch of learning events")
            .WithDescription("The whole batch is validated first; any bad event answers 400 naming its index and field, and nothing is written. " +
                "A 200 means every event is durable in the journal. Redelivered event ids (per source) are counted as duplicates and change nothing.")
            .DocumentsJsonBody<EventBatchRequest>()
            .Produces<IngestResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> PostEventsAsync(HttpContext context, EventBatchParser parser, EventIngestor ingestor, Microsoft.Extensions.Options.IOptions<Hosting.AttuneOptions> options)
    {
        var maxBytes = options.Value.Ingestion.MaxBodyBytes;
        var (document, problem) = await RequestBody.ReadJsonAsync(context, maxBytes);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("events", out var array) &&
                array.ValueKind == System.Text.Json.JsonValueKind.Array && array.GetArrayLength() > parser.MaxBatchEvents)
            {
                return RequestBody.TooLarge(maxBytes,
                    $"events: {array.GetArrayLength()} events exceed the batch limit of {parser.MaxBatchEvents} (Attune:Ingestion:MaxBatchEvents); split the batch.");
            }
            var errors = new FieldErrors();
            var events = parser.Parse(root, errors);
            if (events is null)
            {
                return errors.ToProblem("The event batch is invalid; nothing was written.");
            }
            var result = await ingestor.IngestAsync(context.User.Tenant(), events, context.RequestAborted);
            return TypedResults.Ok(result);
        }
    }
}

/// <summary>The request body of <c>POST /api/v1/events</c>, for the OpenAPI document.</summary>
public sealed record EventBatchRequest(IReadOnlyList<EventRequest> Events);

/// <summary>One event as posted. Required: id, learner, item, kind, timestamp.</summary>
public sealed record EventRequest(
    string Id,
    string Learner,
    string Item,
    string Kind,
    DateTimeOffset Timestamp,
    string? Course,
    double? Score,
    double? DurationSeconds,
    IReadOnlyList<string>? Skills,
    string? Source);
