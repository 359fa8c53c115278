using Attune.Outcomes.Bench.Simulation;

namespace Attune.Outcomes.Bench;

/// <summary>One family's rows, course order and the all-seeing planner among them.</summary>
public sealed record FamilyOutcome(CourseFamily Family, SyntheticCourse Course, IReadOnlyList<ConfigurationOutcome> Rows, IReadOnlyList<string> SampleReasons)
{
    public ConfigurationOutcome Order => Rows.First(r => r.Configuration.Kind == ConfigurationKind.CourseOrder);

    public ConfigurationOutcome Oracle => Rows.First(r => r.Configuration.Kind == ConfigurationKind.AllSeeing);

    /// <summary>(m − order) / (oracle − order): the share of the gap from course order to the all-seeing planner that a row closes.</summary>
    public double? GapClosed(ConfigurationOutcome row) =>
        Oracle.Mastery - Order.Mastery is var gap && gap > 1e-9 ? (row.Mastery - Order.Mastery) / gap : null;
}
