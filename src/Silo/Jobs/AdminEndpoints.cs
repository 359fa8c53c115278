using Attune.Silo.Api;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Attune.Silo.Security;
using Hangfire;

namespace Attune.Silo.Jobs;

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin")
            .RequireAuthorization(AttuneAuthentication.AdminPolicy)
            .WithTags("Admin");
        admin.MapPost("/refactorize", Refactorize)
            .WithName("Refactorize")
            .WithSummary("Queue a refactorization of the tenant's models now; 202 with the Hangfire job id")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        admin.MapPost("/strategies/{plugin}/fit", FitStrategy)
            .WithName("FitStrategy")
            .WithSummary("Queue a fit of a trainable strategy's model (e.g. knowledge tracing's BKT per skill) from the tenant's journal; 202 with the Hangfire job id")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/models", ListModels)
            .WithName("ListModels")
            .WithSummary("Every model version of the tenant with its metrics, and which one serves")
            .ProducesValidationProblem();
        admin.MapGet("/models/{version}", DescribeModel)
            .WithName("DescribeModel")
            .WithSummary("One model version: its metrics and, for plugins that can say (SDK 1.2 IDescribesModel), what it found with the evidence " +
                "(the study planner: prerequisites it inferred, marked as inferred, and what each activity taught)")
            .Produces<ModelCard>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/models/{version}/promote", Promote)
            .WithName("PromoteModel")
            .WithSummary("Make a version serve (e.g. one kept because it scored worse on the holdout)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/jobs/{id}", JobStatus)
            .WithName("GetJob")
            .WithSummary("A job's state history, progress (phase and percent) and outcome")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Refactorize(string? tenant, TenantDirectory tenants, IBackgroundJobClient jobs)
    {
        if (KnownTenant(tenant, tenants) is not { } id)
        {
            return UnknownTenant(tenant);
        }
        var jobId = jobs.Enqueue<RefactorizationJob>(job => job.RunAsync(id.Value, null, CancellationToken.None));
        return TypedResults.Accepted($"/api/v1/admin/jobs/{jobId}", new JobAccepted(jobId, id.Value));
    }

    private static IResult FitStrategy(string plugin, string? tenant, TenantDirectory tenants, PluginRegistry registry, IBackgroundJobClient jobs)
    {
        if (KnownTenant(tenant, tenants) is not { } id)
        {
            return UnknownTenant(tenant);
        }
        switch (registry.Find(plugin))
        {
            case null:
                return TypedResults.Problem(statusCode: 404, title: "Unknown plugin", detail: $"plugin: no loaded plugin is named '{plugin}'.");
            case { TrainableStrategy: null } loaded:
                var errors = new FieldErrors();
                errors.Add("plugin", $"{loaded.Label} has no model to fit: it is not a strategy implementing ITrainableStrategy (SDK 1.1)");
                return errors.ToProblem("Which strategy?");
        }
        var jobId = jobs.Enqueue<StrategyFitJob>(job => job.RunAsync(id.Value, plugin, null, CancellationToken.None));
        return TypedResults.Accepted($"/api/v1/admin/jobs/{jobId}", new JobAccepted(jobId, id.Value));
    }

    private static IResult ListModels(string? tenant, TenantDirectory tenants, ModelStore store, PluginSelector selector, PluginRegistry registry)
    {
        if (KnownTenant(tenant, tenants) is not { } id)
        {
            return UnknownTenant(tenant);
        }
        return TypedResults.Ok(new ModelsResponse(id.Value, selector.RecommendersOfTenant(id), TrainableStrategies(id, selector, registry), store.List(id)));
    }

    private static IResult Promote(
        long version, string? tenant, string? recommender, TenantDirectory tenants, ModelStore store, ModelCache cache, StrategyModelCache strategyCache,
        PluginSelector selector, PluginRegistry registry)
    {
        if (KnownTenant(tenant, tenants) is not { } id)
        {
            return UnknownTenant(tenant);
        }
        var configured = selector.RecommendersOfTenant(id);
        recommender ??= configured.Count == 1 ? configured[0] : null;
        if (recommender is null)
        {
            var errors = new FieldErrors();
            errors.Add("recommender", $"is required: the tenant uses {configured.Count} recommenders ({string.Join(", ", configured)})");
            return errors.ToProblem("Which recommender's version?");
        }
        if (!store.Promote(id, recommender, version))
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown model version", detail: $"version: {recommender} has no version {version} for tenant {id.Value}.");
        }
        cache.Invalidate(id, recommender);
        strategyCache.Invalidate(id, recommender);
        return TypedResults.Ok(new ModelsResponse(id.Value, configured, TrainableStrategies(id, selector, registry), store.List(id)));
    }

    private static IResult DescribeModel(long version, string? tenant, string? plugin, TenantDirectory tenants, ModelStore store, PluginRegistry registry)
    {
        if (KnownTenant(tenant, tenants) is not { } id)
        {
            return UnknownTenant(tenant);
        }
        var versions = store.List(id).Where(v => v.Version == version && (plugin is null || v.Recommender == plugin)).ToList();
        if (versions.Count > 1)
        {
            var errors = new FieldErrors();
            errors.Add("plugin", $"is required: {string.Join(", ", versions.Select(v => v.Recommender))} each have a version {version}");
            return errors.ToProblem("Which plugin's version?");
        }
        if (versions.Count == 0 || store.Load(id, versions[0].Recommender, version) is not { } artifact)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown model version", detail: $"version: tenant {id.Value} has no version {version}{(plugin is null ? "" : $" of {plugin}")}.");
        }
        var row = versions[0];
        Attune.Plugins.ModelDescription? description = null;
        string? problem = null;
        if (registry.Find(row.Recommender)?.ModelDescriber is { } describer)
        {
            try
            {
                description = describer.DescribeModel(artifact);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
            {
                problem = $"{row.Recommender} could not read this version: {ex.Message}";
            }
        }
        else
        {
            problem = $"{row.Recommender} does not describe its models (IDescribesModel, SDK 1.2) or is not loaded";
        }
        return TypedResults.Ok(new ModelCard(row, description?.Summary, description?.Findings ?? [], problem));
    }

    /// <summary>The tenant's configured strategies that fit a model, loaded now.</summary>
    private static IReadOnlyList<string> TrainableStrategies(TenantId tenant, PluginSelector selector, PluginRegistry registry) =>
        selector.StrategiesOfTenant(tenant).Where(s => registry.Find(s)?.TrainableStrategy is not null).ToList();

    private static IResult JobStatus(string id, JobStorage storage, JobProgressBoard board)
    {
        var details = storage.GetMonitoringApi().JobDetails(id);
        if (details is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown job", detail: $"id: no job '{id}'.");
        }
        using var connection = storage.GetConnection();
        return TypedResults.Ok(new JobView(
            id,
            details.Job?.ToString(),
            details.History.FirstOrDefault()?.StateName,
            board.Get(id) is { } live ? $"{live.Percent:0}% {live.Phase}" : Parameter(connection, id, "Progress"),
            Parameter(connection, id, "Outcome"),
            details.History.Select(h => new JobStateView(h.StateName, h.CreatedAt, h.Reason)).ToList()));
    }

    /// <summary>Hangfire stores job parameters as JSON; read them back as text.</summary>
    private static string? Parameter(Hangfire.Storage.IStorageConnection connection, string id, string name) =>
        connection.GetJobParameter(id, name) is { } json ? Hangfire.Common.SerializationHelper.Deserialize<string>(json) : null;

    private static TenantId? KnownTenant(string? tenant, TenantDirectory tenants) =>
        tenant is not null && tenants.Tenants.FirstOrDefault(t => t.Value == tenant) is { Value: not null } known ? known : null;

    private static IResult UnknownTenant(string? tenant)
    {
        var errors = new FieldErrors();
        errors.Add("tenant", tenant is null ? "is required (?tenant=)" : $"'{tenant}' is not a configured tenant");
        return errors.ToProblem("Which tenant?");
    }
}

public sealed record JobAccepted(string JobId, string Tenant);

/// <param name="Strategies">The tenant's trainable strategies: their fitted versions are listed too, under the strategy's name.</param>
public sealed record ModelsResponse(string Tenant, IReadOnlyList<string> Recommenders, IReadOnlyList<string> Strategies, IReadOnlyList<ModelVersion> Versions);

public sealed record JobView(string Id, string? Job, string? State, string? Progress, string? Outcome, IReadOnlyList<JobStateView> History);

public sealed record JobStateView(string State, DateTime CreatedAt, string? Reason);

/// <summary>One model version as admins read it: the stored version, and what the plugin says it found.</summary>
public sealed record ModelCard(ModelVersion Version, string? Summary, IReadOnlyList<Attune.Plugins.ModelFinding> Findings, string? Problem);
