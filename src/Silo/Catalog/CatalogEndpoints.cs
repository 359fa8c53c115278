using System.Text.Json;
using Attune.Silo.Api;
using Attune.Silo.Hosting;
using Attune.Silo.Security;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Catalog;

public static class CatalogEndpoints
{
    private const int MaxItemsPerRequest = 10_000;

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courses/{course}/items")
            .RequireAuthorization(AttuneAuthentication.TenantPolicy)
            .WithTags("Catalog");
        group.MapPut("", PutItemsAsync)
            .WithName("PutCourseItems")
            .WithSummary("Insert or replace items of a course's catalog")
            .WithDescription("Items seen only in events exist implicitly; the catalog adds titles, time estimates, skills and due dates.")
            .DocumentsJsonBody<CatalogItemsRequest>()
            .Produces<CatalogUpsertResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("", GetItems)
            .WithName("GetCourseItems")
            .WithSummary("List the catalog items of a course")
            .Produces<CatalogItemsResponse>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> PutItemsAsync(HttpContext context, CourseCatalog catalog, IOptions<AttuneOptions> options)
    {
        var course = RawPathSegment.Decoded(context, "course");
        var errors = new FieldErrors();
        if (!Identifier.IsValid(course, out var courseError))
        {
            errors.Add("course", courseError!);
            return errors.ToProblem("The course id is invalid.");
        }
        var maxBytes = options.Value.Ingestion.MaxBodyBytes;
        var (document, problem) = await RequestBody.ReadJsonAsync(context, maxBytes);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var items = Parse(document!.RootElement, errors);
            if (items is null)
            {
                return errors.ToProblem("The catalog items are invalid; nothing was written.");
            }
            var created = catalog.Upsert(context.User.Tenant(), new CourseId(course), items);
            return TypedResults.Ok(new CatalogUpsertResult(course, items.Count, created));
        }
    }

    private static IResult GetItems(HttpContext context, CourseCatalog catalog)
    {
        var course = RawPathSegment.Decoded(context, "course");
        if (!Identifier.IsValid(course, out var courseError))
        {
            var errors = new FieldErrors();
            errors.Add("course", courseError!);
            return errors.ToProblem("The course id is invalid.");
        }
        return TypedResults.Ok(new CatalogItemsResponse(course, catalog.ListItems(context.User.Tenant(), new CourseId(course))));
    }

    private static List<CatalogItem>? Parse(JsonElement root, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("items", "is required: an array of items");
            return null;
        }
        if (array.GetArrayLength() > MaxItemsPerRequest)
        {
            errors.Add("items", $"must have at most {MaxItemsPerRequest} entries per request");
            return null;
        }
        var items = new List<CatalogItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = $"items[{index++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"must be an object, not {JsonFields.Describe(e.ValueKind)}");
                continue;
            }
            var id = JsonFields.Identifier(e, "id", path, errors, required: true);
            var title = JsonFields.Text(e, "title", path, errors, 500);
            var kind = JsonFields.Text(e, "kind", path, errors, 64);
            var minutes = JsonFields.Number(e, "estimatedMinutes", path, errors, 0, 24 * 60);
            var skills = JsonFields.IdentifierArray(e, "skills", path, errors, 64);
            var due = JsonFields.Timestamp(e, "dueAt", path, errors, required: false);
            if (id is not null && !seen.Add(id))
            {
                errors.Add($"{path}.id", $"'{id}' appears twice in this request");
            }
            if (id is not null)
            {
                items.Add(new CatalogItem(id, title, kind, minutes, skills ?? [], due));
            }
        }
        return errors.Any ? null : items;
    }
}

public sealed record CatalogItemsRequest(IReadOnlyList<CatalogItem> Items);

public sealed record CatalogItemsResponse(string Course, IReadOnlyList<CatalogItem> Items);

public sealed record CatalogUpsertResult(string Course, int Upserted, int Created);
