using System.Globalization;
using System.Text;
using Attune.Bench.Tracing;

namespace Attune.Outcomes.Bench.Reporting;

/// <summary>The markdown the bench prints and writes to bench/results/outcomes-&lt;UTC time&gt;.md.</summary>
public static class OutcomeReport
{
    public static string Summary(IReadOnlyList<FamilyOutcome> families)
    {
        var s = new StringBuilder();
        s.AppendLine("## Mastery reached, same minutes for all (share of the gap from course order to the all-seeing planner closed)");
        s.AppendLine();
        s.AppendLine("| configuration | " + string.Join(" | ", families.Select(f => f.Family.Description)) + " |");
        s.AppendLine("| --- |" + string.Concat(families.Select(_ => " ---: |")));
        foreach (var c in families[0].Rows.Select(r => r.Configuration))
        {
            s.Append(CultureInfo.InvariantCulture, $"| {c.Label} |");
            foreach (var f in families)
            {
                var row = f.Rows.First(r => r.Configuration.Key == c.Key);
                var gap = c.Kind == ConfigurationKind.Silo && f.GapClosed(row) is { } g ? $" ({g:+0%;−0%})" : "";
                s.Append(Invariant($" {row.Mastery:0.000}{gap} |"));
            }
            s.AppendLine();
        }
        return s.ToString();
    }

    public static string Family(FamilyOutcome f, NightlyJobs? jobs, double minutesPerDay)
    {
        var s = new StringBuilder();
        var course = f.Course;
        s.AppendLine(Invariant($"### {f.Family.Description} (`{f.Family.Key}`): {course.Skills.Count} skills, {course.Items.Count} items, {course.Items.Sum(i => i.EstimatedMinutes):0} estimated minutes"));
        s.AppendLine();
        s.AppendLine(Invariant($"Mastery on the first morning {f.Order.StartMastery:0.000}."));
        s.AppendLine();
        s.AppendLine("| configuration | mastery (± sd) | vs course order | gap closed | minutes per day | days ≥ 90 % used, of those with work left | planned / asked | calls per day | fallbacks | nightly jobs ok / not |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in f.Rows)
        {
            var vs = r.Configuration.Kind == ConfigurationKind.CourseOrder ? "—" : Invariant($"{(r.Mastery - f.Order.Mastery) / f.Order.Mastery:+0%;−0%}");
            var gap = r.Configuration.Kind != ConfigurationKind.Silo ? "—" : f.GapClosed(r) is { } g ? Invariant($"**{g:0%}**") : "n/a";
            var planned = r.Configuration.Kind == ConfigurationKind.Silo ? Invariant($"{r.PlannedShare:0%}") : "—";
            var nightly = r.Configuration.Kind == ConfigurationKind.Silo && jobs is not null && jobs.Outcomes(r.Configuration) is var (ok, other, problem)
                ? Invariant($"{ok} / {other}{(problem is null ? "" : $" ({problem})")}")
                : "—";
            s.AppendLine(Invariant($"| {r.Configuration.Label} | {r.Mastery:0.000} ± {r.MasterySd:0.000} | {vs} | {gap} | {r.MinutesPerDay:0.0} of {minutesPerDay:0} | {r.FullDayShare:0%} of {r.DaysWithWorkLeft} | {planned} | {r.CallsPerDay:0.0} | {r.Fallbacks}{(r.UnknownItems > 0 ? $" ({r.UnknownItems} unknown items)" : "")} | {nightly} |"));
        }
        return s.ToString();
    }

    public static string Tracing(AssistmentsDataset dataset, IReadOnlyList<TracingResult> rows)
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"### {dataset.Name}"));
        s.AppendLine();
        s.AppendLine(Invariant($"Fitted on `{dataset.TrainFile}`, every answer of `{dataset.TestFile}` predicted from the student's earlier test answers only (Attune.Bench.Tracing, the knowledge-tracing plugin's own fitters)."));
        s.AppendLine();
        s.AppendLine("| model | AUC | RMSE | log loss | fit |");
        s.AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            s.AppendLine(Invariant($"| {r.Model} | {r.Auc:0.0000} | {r.Rmse:0.0000} | {r.LogLoss:0.0000} | {r.Fit} |"));
        }
        return s.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
