namespace Attune.Outcomes.Bench.Simulation;

/// <summary>
/// A kind of course the bench measures in: how its course is built and what its catalog says. Every family but the
/// ones that change it is the base course: ten skills in a prerequisite chain with a branch, per skill a lesson, a
/// drill, a quiz and a low-value extra video, listed in a sound order.
/// </summary>
/// <param name="Key">The family's name on the command line and the course id.</param>
/// <param name="Blocks">Copies of the ten-skill prerequisite graph, each resting on the one before.</param>
/// <param name="MinutesScale">Multiplies every item's minutes.</param>
/// <param name="PoorOrder">The catalog's positions are a poor order: skills shuffled, and within a skill the quiz first and the lesson last.</param>
/// <param name="KindsMislead">Per skill, the four items' teaching values are shuffled between their kinds.</param>
/// <param name="GivesPrerequisites">Whether the catalog carries <c>prerequisites</c> and <c>prerequisiteSkills</c>.</param>
public sealed record CourseFamily(
    string Key, string Description, int Blocks, double MinutesScale, bool PoorOrder, bool KindsMislead, bool GivesPrerequisites, HiddenWorld World)
{
    public static readonly IReadOnlyList<CourseFamily> All =
    [
        new("base", "base course", 1, 1, false, false, true, HiddenWorld.Standard),
        new("poor-order", "poor catalog order", 1, 1, true, false, true, HiddenWorld.Standard),
        new("too-much", "more material than the days allow", 2, 1.25, false, false, true, HiddenWorld.Standard),
        new("fast-forgetting", "fast forgetting", 1, 1, false, false, true, HiddenWorld.Standard with { StabilityDays = 0.7, Floor = 0.2 }),
        new("kinds-mislead", "kinds mislead", 1, 1, false, true, true, HiddenWorld.Standard),
        new("no-prerequisites", "no prerequisites given", 1, 1, false, false, false, HiddenWorld.Standard),
        new("speeds", "learners of different speeds", 1, 1, false, false, true, HiddenWorld.Standard with { SpeedSpread = 0.6, StepNoise = 0.25 }),
    ];

    public static CourseFamily Find(string key) =>
        All.FirstOrDefault(f => f.Key == key) ?? throw new ArgumentException($"Unknown family '{key}'; the families are {string.Join(", ", All.Select(f => f.Key))}.");
}
