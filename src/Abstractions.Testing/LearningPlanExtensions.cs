namespace Attune.Plugins.Testing;

/// <summary>Short ways to read plans and scores in assertions.</summary>
public static class LearningPlanExtensions
{
    /// <summary>The planned item ids, in order: <c>Assert.Equal(["quiz-2", "chapter-3"], plan.ItemIds())</c>.</summary>
    public static IReadOnlyList<string> ItemIds(this LearningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Steps.Select(s => s.Candidate.Item.Value).ToList();
    }

    /// <summary>The minutes of all steps.</summary>
    public static double TotalMinutes(this LearningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Steps.Sum(s => s.Minutes);
    }

    /// <summary>The step for <paramref name="item"/>.</summary>
    /// <exception cref="KeyNotFoundException">The plan has no step for it.</exception>
    public static PlanStep StepFor(this LearningPlan plan, string item)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Steps.FirstOrDefault(s => s.Candidate.Item.Value == item)
            ?? throw new KeyNotFoundException($"The plan has no step for '{item}'; it plans {TestCourse.Describe(plan.ItemIds())}.");
    }

    /// <summary>The scored item ids, in the order given: <c>Assert.Equal("chapter-3", scores.ItemIds()[0])</c>.</summary>
    public static IReadOnlyList<string> ItemIds(this IEnumerable<ScoredCandidate> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return scored.Select(s => s.Candidate.Item.Value).ToList();
    }

    /// <summary>The entry for <paramref name="item"/>.</summary>
    /// <exception cref="KeyNotFoundException">It was not scored.</exception>
    public static ScoredCandidate For(this IEnumerable<ScoredCandidate> scored, string item)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var list = scored.ToList();
        return list.FirstOrDefault(s => s.Candidate.Item.Value == item)
            ?? throw new KeyNotFoundException($"'{item}' was not scored; the scores cover {TestCourse.Describe(list.ItemIds())}.");
    }
}
