using Attune.Plugins;

namespace Attune.Plugins.KnowledgeTracing.Planning;

/// <summary>The minutes a plan may use: what is left of the learner's day, capped by the request's budget.</summary>
public static class AttentionBudget
{
    /// <summary>
    /// <c>Profile.MinutesPerDay</c> minus today's time on task (<c>History.MinutesOn(today)</c>, never below 0), capped
    /// by <see cref="PlanningContext.BudgetMinutes"/> when the request gives one; the request's budget alone when the
    /// profile says nothing; <c>null</c> (no limit) when neither does. "Today" is the UTC day of
    /// <see cref="PlanningContext.Now"/>: the SDK does not tell a plugin the learner's time zone.
    /// </summary>
    public static double? RemainingMinutes(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
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
