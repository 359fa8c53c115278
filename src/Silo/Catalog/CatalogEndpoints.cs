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
            .WithDescription("Items seen only in events exist implicitly; the catalog adds titles, time estimates, skills, due dates " +
                "and the course's structure: `section`, `position` (the course's own order), `prerequisites` (items of the course " +
                "to finish first), `prerequisiteSkills`, `completion` ({rule: view|submit|grade|pass|manual, passScore}), `url` " +
                "and `recommendable`. A prerequisite that names an unknown item or the item itself, or that makes a cycle of items " +
                "or skills, is refused with 400 naming the item, and nothing is written.")
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
            var tenant = context.User.Tenant();
            foreach (var (index, field, message) in CatalogStructureCheck.Problems(course, catalog.ListItems(tenant, new CourseId(course)), items))
            {
                errors.Add($"items[{index}].{field}", message);
            }
            if (errors.Any)
            {
                return errors.ToProblem("The course's structure is invalid; nothing was written.");
            }
            var created = catalog.Upsert(tenant, new CourseId(course), items);
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
            var section = JsonFields.Text(e, "section", path, errors, 500);
            var position = JsonFields.Integer(e, "position", path, errors, 0, 1_000_000);
            var prerequisites = JsonFields.IdentifierArray(e, "prerequisites", path, errors, 256);
            var prerequisiteSkills = JsonFields.IdentifierArray(e, "prerequisiteSkills", path, errors, 64);
            var completion = Completion(e, path, errors);
            var url = JsonFields.HttpUrl(e, "url", path, errors, 2048);
            var recommendable = JsonFields.Boolean(e, "recommendable", path, errors);
            if (id is not null && !seen.Add(id))
            {
                errors.Add($"{path}.id", $"'{id}' appears twice in this request");
            }
            if (id is not null)
            {
                items.Add(new CatalogItem(id, title, kind, minutes, skills ?? [], due)
                {
                    Section = section,
                    Position = position,
                    Prerequisites = prerequisites ?? [],
                    PrerequisiteSkills = prerequisiteSkills ?? [],
                    Completion = completion,
                    Url = url,
                    Recommendable = recommendable ?? true,
                });
            }
        }
        return errors.Any ? null : items;
    }

    private static CatalogCompletion? Completion(JsonElement item, string path, FieldErrors errors)
    {
        if (!item.TryGetProperty("completion", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var field = JsonFields.Field(path, "completion");
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, $"must be an object such as {{\"rule\":\"pass\",\"passScore\":0.8}}, not {JsonFields.Describe(value.ValueKind)}");
            return null;
        }
        var rule = JsonFields.Text(value, "rule", field, errors, 16);
        var passScore = JsonFields.Number(value, "passScore", field, errors, 0, 1);
        if (rule is null)
        {
            errors.Add($"{field}.rule", $"is required: one of {string.Join(", ", CatalogCompletion.Rules)}");
            return null;
        }
        if (!CatalogCompletion.Rules.Contains(rule, StringComparer.Ordinal))
        {
            errors.Add($"{field}.rule", $"must be one of {string.Join(", ", CatalogCompletion.Rules)}, was '{rule}'");
            return null;
        }
        if (passScore is not null && rule != "pass")
        {
            errors.Add($"{field}.passScore", "is only for the rule 'pass'");
            return null;
        }
        return new CatalogCompletion(rule, passScore);
    }
}

public sealed record CatalogItemsRequest(IReadOnlyList<CatalogItem> Items);

public sealed record CatalogItemsResponse(string Course, IReadOnlyList<CatalogItem> Items);

public sealed record CatalogUpsertResult(string Course, int Upserted, int Created);
