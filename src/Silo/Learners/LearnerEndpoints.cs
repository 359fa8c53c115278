using System.Globalization;
using Attune.Silo.Api;
using Attune.Silo.Security;

namespace Attune.Silo.Learners;

public static class LearnerEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLearnerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/learners/{learner}")
            .RequireAuthorization(AttuneAuthentication.TenantPolicy)
            .WithTags("Learners");
        group.MapGet("", GetModelAsync)
            .WithName("GetLearner")
            .WithSummary("The live model of one learner")
            .WithDescription("Reflects every acknowledged event of the learner. 404 for a learner the tenant has never sent an event for.")
            .Produces<LearnerModel>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/recommendations", RecommendAsync)
            .WithName("GetRecommendations")
            .WithSummary("What the learner should do next, within the minutes they have")
            .WithDescription("Query: course (optional; default all the learner's courses), limit (1-100, default 10), minutes (optional time budget).")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> GetModelAsync(HttpContext context, IGrainFactory grains)
    {
        var learner = RawPathSegment.Decoded(context, "learner");
        var errors = new FieldErrors();
        if (!Identifier.IsValid(learner, out var error))
        {
            errors.Add("learner", error!);
            return errors.ToProblem("The learner id is invalid.");
        }
        var model = await grains.GetLearner(context.User.Tenant(), new LearnerId(learner)).GetModelAsync();
        return model is null
            ? TypedResults.Problem(statusCode: 404, title: "Unknown learner", detail: $"learner: no events have been received for '{learner}'.")
            : TypedResults.Ok(model);
    }

    private static async Task<IResult> RecommendAsync(string? course, string? limit, string? minutes, HttpContext context, IGrainFactory grains)
    {
        var learner = RawPathSegment.Decoded(context, "learner");
        var errors = new FieldErrors();
        if (!Identifier.IsValid(learner, out var error))
        {
            errors.Add("learner", error!);
        }
        if (course is not null && !Identifier.IsValid(course, out error))
        {
            errors.Add("course", error!);
        }
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }
        double? budget = null;
        if (minutes is not null)
        {
            if (double.TryParse(minutes, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && double.IsFinite(m) && m > 0 && m <= 24 * 60)
            {
                budget = m;
            }
            else
            {
                errors.Add("minutes", "must be a number of minutes greater than 0 and at most 1440");
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem("The recommendation request is invalid.");
        }
        var list = await grains.GetLearner(context.User.Tenant(), new LearnerId(learner))
            .RecommendAsync(new RecommendationRequest(course, take, budget));
        return TypedResults.Ok(list);
    }
}
