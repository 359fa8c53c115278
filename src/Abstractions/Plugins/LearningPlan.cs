namespace Attune.Plugins;

/// <summary>An ordered plan.</summary>
/// <param name="Steps">What to do, in order. Every item must come from the candidates or the catalog; total minutes must fit the budget.</param>
public sealed record LearningPlan(IReadOnlyList<PlanStep> Steps);
