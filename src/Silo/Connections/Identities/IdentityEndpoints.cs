using System.Text.Json;
using Attune.LmsAdapters;
using Attune.Silo.Api;
using Attune.Silo.Security;
using Hangfire;

namespace Attune.Silo.Connections.Identities;

/// <summary>
/// The identity map for admins: read which names of an LMS site resolve to which learner, and correct an entry (a
/// correction is kept over what later pulls say) or remove one.
/// </summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/identities")
            .RequireAuthorization(AttuneAuthentication.AdminPolicy)
            .WithTags("Admin: identity map");
        group.MapGet("", (string? tenant, string? source, string? learner, LmsIdentityMap map, TenantDirectory tenants) =>
                tenant is null || !tenants.Tenants.Any(t => t.Value == tenant)
                    ? Invalid("tenant", "is required: a configured tenant")
                    : Results.Ok(map.List(new TenantId(tenant), source, learner)))
            .WithName("ListIdentities")
            .WithSummary("The tenant's identity map: per LMS site (source), each user id, login, email, SIS id or LTI subject and the learner it is");
        group.MapPut("", CorrectAsync)
            .WithName("CorrectIdentity")
            .WithSummary("Set or correct one entry {tenant, source, kind, value, learner}; syncs keep an admin's correction");
        group.MapDelete("", (string? tenant, string? source, string? kind, string? value, LmsIdentityMap map) =>
                tenant is null || source is null || kind is null || value is null
                    ? Invalid("query", "tenant, source, kind and value are required")
                    : map.Remove(new TenantId(tenant), source, kind, value) ? Results.NoContent()
                    : TypedResults.Problem(statusCode: 404, title: "Unknown identity", detail: $"value: no {kind} '{value}' at {source}."))
            .WithName("RemoveIdentity");
        group.MapPost("/repair", (string? tenant, TenantDirectory tenants, IBackgroundJobClient jobs) =>
                tenant is null || !tenants.Tenants.Any(t => t.Value == tenant)
                    ? Invalid("tenant", "is required: a configured tenant")
                    : Results.Accepted("/api/v1/admin/jobs/{jobId}", new { jobId = jobs.Enqueue<IdentityRepairJob>(j => j.RunAsync(tenant, null, CancellationToken.None)) }))
            .WithName("RepairIdentities")
            .WithSummary("Queue the re-keying of events journaled under names the identity map now resolves; 202 with the job id");
        return app;
    }

    private static async Task<IResult> CorrectAsync(HttpContext context, LmsIdentityMap map, TenantDirectory tenants, IBackgroundJobClient jobs)
    {
        var (document, problem) = await RequestBody.ReadJsonAsync(context, 16 * 1024);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var body = document!.RootElement;
            var errors = new FieldErrors();
            if (body.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "must be a JSON object");
                return errors.ToProblem("The entry is invalid; nothing was written.");
            }
            var tenant = JsonFields.Identifier(body, "tenant", "", errors, required: true);
            var source = JsonFields.Identifier(body, "source", "", errors, required: true);
            var kind = JsonFields.Text(body, "kind", "", errors, 32);
            var value = JsonFields.Identifier(body, "value", "", errors, required: true);
            var learner = JsonFields.Identifier(body, "learner", "", errors, required: true);
            if (tenant is not null && !tenants.Tenants.Any(t => t.Value == tenant))
            {
                errors.Add("tenant", $"'{tenant}' is not a configured tenant");
            }
            if (kind is null || !LmsIdentityKinds.All.Contains(kind))
            {
                errors.Add("kind", $"is required: one of {string.Join(", ", LmsIdentityKinds.All)}");
            }
            if (errors.Any)
            {
                return errors.ToProblem("The entry is invalid; nothing was written.");
            }
            map.Correct(new TenantId(tenant!), source!, kind!, value!, new LearnerId(learner!));
            // A corrected name may resolve events already journaled under it.
            jobs.Enqueue<IdentityRepairJob>(j => j.RunAsync(tenant!, null, CancellationToken.None));
            return Results.Ok(map.List(new TenantId(tenant!), source, learner));
        }
    }

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem("The request is invalid.");
    }
}
