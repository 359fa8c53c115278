using Attune.Plugins;

namespace Attune.Plugins.SpacedRepetition.Planning;

/// <summary>The minutes a plan may use: what is left of the learner's day, capped by the request's budget.</summary>
/// <remarks>The same rule as the knowledge-tracing plugin's (each plugin is loaded on its own, so each carries it).</remarks>
internal static class AttentionBudget
{
    /// <summary>
    /// <c>Profile.MinutesPerDay</c> minus today's (UTC) time on task, never below 0, capped by the request's
    /// <see cref="PlanningContext.BudgetMinutes"/>; the request's alone when the profile says nothing; <c>null</c> when neither.
    /// </summary>
    public static double? RemainingMinutes(PlanningContext context)
    {
        double? left = context.Profile.MinutesPerDay is { } perDay
            ? Math.Max(0, perDay - context.History.MinutesOn(DateOnly.FromDateTime(context.Now.UtcDateTime)))
            : null;
        return (left, context.BudgetMinutes) switch
        {
            (null, var request) => request,
            ({ } today, null) => today,
            ({ } today, { } request) => Math.Min(today, request),
        };
    }
}
