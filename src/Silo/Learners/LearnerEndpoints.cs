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
            .RetriedThroughSiloLoss()
            .WithName("GetLearner")
            .WithSummary("The live model of one learner")
            .WithDescription("Reflects every acknowledged event of the learner. 404 for a learner the tenant has never sent an event or a profile for, answered before any grain is asked.")
            .Produces<LearnerModel>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/recommendations", RecommendAsync)
            .RetriedThroughSiloLoss()
            .WithName("GetRecommendations")
            .WithSummary("What the learner should do next, within the minutes they have")
            .WithDescription("Query: course (optional; default all the learner's courses), limit (1-100, default 10), minutes (optional time budget). " +
                "404 for a learner the tenant has never sent an event or a profile for.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/profile", PutProfileAsync)
            .WithName("PutLearnerProfile")
            .WithSummary("Set the learner's goals, interests (skills or courses) and minutes per day")
            .WithDescription("Without ?minutes=, recommendations plan within minutesPerDay less today's time on task (UTC day).")
            .DocumentsJsonBody<ProfileView>()
            .Produces<ProfileView>()
            .ProducesValidationProblem();
        group.MapGet("/profile", GetProfileAsync)
            .RetriedThroughSiloLoss()
            .WithName("GetLearnerProfile")
            .Produces<ProfileView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetModelAsync(HttpContext context, IGrainFactory grains, KnownLearners known)
    {
        var learner = RawPathSegment.Decoded(context, "learner");
        var errors = new FieldErrors();
        if (!Identifier.IsValid(learner, out var error))
        {
            errors.Add("learner", error!);
            return errors.ToProblem("The learner id is invalid.");
        }
        if (!await known.ExistsAsync(context.User.Tenant(), new LearnerId(learner)))
        {
            return UnknownLearner(learner);
        }
        var model = await grains.GetLearner(context.User.Tenant(), new LearnerId(learner)).GetModelAsync();
        return model is null
            ? UnknownLearner(learner)
            : TypedResults.Ok(model);
    }

    /// <summary>
    /// The answer for a learner the tenant never sent an event or a profile for, given before any grain is asked so that
    /// made-up ids activate nothing and cost no memory.
    /// </summary>
    private static IResult UnknownLearner(string learner) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown learner",
            detail: $"learner: no events or profile have been received for '{learner}'.");

    private static async Task<IResult> PutProfileAsync(HttpContext context, IGrainFactory grains, KnownLearners known)
    {
        var learner = RawPathSegment.Decoded(context, "learner");
        var errors = new FieldErrors();
        if (!Identifier.IsValid(learner, out var error))
        {
            errors.Add("learner", error!);
            return errors.ToProblem("The learner id is invalid.");
        }
        var (document, problem) = await RequestBody.ReadJsonAsync(context, 64 * 1024);
        if (problem is not null)
        {
            return problem;
        }
        using (document)
        {
            var body = document!.RootElement;
            if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                errors.Add("body", "must be an object {\"goals\":[…],\"interests\":[…],\"minutesPerDay\":45}");
                return errors.ToProblem("The profile is invalid; nothing was changed.");
            }
            var goals = Goals(body, errors);
            var interests = JsonFields.IdentifierArray(body, "interests", "", errors, 50) ?? [];
            var minutes = JsonFields.Number(body, "minutesPerDay", "", errors, 0, 24 * 60);
            if (errors.Any)
            {
                return errors.ToProblem("The profile is invalid; nothing was changed.");
            }
            var profile = new ProfileView(goals, interests, minutes);
            await grains.GetLearner(context.User.Tenant(), new LearnerId(learner)).SetProfileAsync(profile);
            known.Add(context.User.Tenant(), new LearnerId(learner));
            return TypedResults.Ok(profile);
        }
    }

    private static async Task<IResult> GetProfileAsync(HttpContext context, IGrainFactory grains, KnownLearners known)
    {
        var learner = RawPathSegment.Decoded(context, "learner");
        if (!Identifier.IsValid(learner, out var error))
        {
            var errors = new FieldErrors();
            errors.Add("learner", error!);
            return errors.ToProblem("The learner id is invalid.");
        }
        if (!await known.ExistsAsync(context.User.Tenant(), new LearnerId(learner)))
        {
            return UnknownLearner(learner);
        }
        return TypedResults.Ok(await grains.GetLearner(context.User.Tenant(), new LearnerId(learner)).GetProfileAsync());
    }

    /// <summary>Goals are free text (a course to pass, a skill to master): up to 20 of up to 200 characters.</summary>
    private static List<string> Goals(System.Text.Json.JsonElement body, FieldErrors errors)
    {
        var goals = new List<string>();
        if (!body.TryGetProperty("goals", out var array) || array.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return goals;
        }
        if (array.ValueKind != System.Text.Json.JsonValueKind.Array || array.GetArrayLength() > 20)
        {
            errors.Add("goals", "must be an array of at most 20 strings");
            return goals;
        }
        var i = 0;
        foreach (var goal in array.EnumerateArray())
        {
            if (goal.ValueKind != System.Text.Json.JsonValueKind.String || goal.GetString() is not { Length: > 0 and <= 200 } text)
            {
                errors.Add($"goals[{i}]", "must be a string of 1 to 200 characters");
            }
            else
            {
                goals.Add(text);
            }
            i++;
        }
        return goals;
    }

    private static async Task<IResult> RecommendAsync(string? course, string? limit, string? minutes, HttpContext context, IGrainFactory grains, KnownLearners known)
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
        if (!await known.ExistsAsync(context.User.Tenant(), new LearnerId(learner!)))
        {
            return UnknownLearner(learner!);
        }
        var list = await grains.GetLearner(context.User.Tenant(), new LearnerId(learner))
            .RecommendAsync(new RecommendationRequest(course, take, budget));
        return TypedResults.Ok(list);
    }
}
