using System.Globalization;
using System.Text;
using Attune.Plugins.KnowledgeTracing.Logistic;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Strategies.Bench.Simulation;
using Attune.Bench.Tracing;

namespace Attune.Strategies.Bench;

/// <summary>The markdown tables the bench prints and writes to bench/results.</summary>
internal static class Report
{
    public static string TracingTable(IReadOnlyList<TracingResult> rows, LogisticParameters shared)
    {
        var s = new StringBuilder();
        s.AppendLine("## Knowledge tracing: next-answer prediction, ASSISTments 2009 (dkvmn de-duplicated split)");
        s.AppendLine();
        s.AppendLine("Fitted on `assist2009_updated_train.csv`, scored on every answer of `assist2009_updated_test.csv`, each predicted from the student's earlier test answers only.");
        s.AppendLine();
        s.AppendLine("| model | AUC | RMSE | log loss | fit |");
        s.AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            s.AppendLine(Invariant($"| {r.Model} | {r.Auc:0.0000} | {r.Rmse:0.0000} | {r.LogLoss:0.0000} | {r.Fit} |"));
        }
        s.AppendLine("| *reference (quoted from issue 8, not run here):* standard BKT, pyBKT | 0.7125 | | | |");
        s.AppendLine("| *reference (quoted from issue 8, not run here):* deep knowledge tracing | ≈0.754 | | | |");
        s.AppendLine();
        s.AppendLine(Invariant($"Weights of the shared-only fit (`LogisticParameters.Default`): b {shared.Bias:0.0000}, γ {shared.SkillSuccesses:0.0000}, ρ {shared.SkillFailures:0.0000}, λ {shared.LastOnSkill:0.0000}, μ {shared.RecentOnSkill:0.0000}, γ_T {shared.TotalSuccesses:0.0000}, ρ_T {shared.TotalFailures:0.0000}, λ_T {shared.LastAny:0.0000}, μ_T {shared.RecentAny:0.0000}."));
        return s.ToString();
    }

    public static string SimulationTable(IReadOnlyList<PolicyResult> results, SyntheticCourse course, HiddenWorld world, KnowledgeTracingTraining calibration, TimeSpan calibrationTime, BenchOptions options)
    {
        var s = new StringBuilder();
        var skills = course.Skills.Count;
        var baseline = results.First(r => r.Policy == "course order").GainPerHour(skills);
        s.AppendLine(Invariant($"## Learning efficiency: simulated cohort, {world.Name} world"));
        s.AppendLine();
        s.Append(Invariant($"{course}; {options.Learners} learners (daily budgets 15/20/30/45 min), {options.Days} days, seed {options.Seed}. "));
        s.Append(Invariant($"Knowledge-tracing parameters fitted by `KnowledgeTracingTrainer` on a calibration cohort of {options.CalibrationLearners} learners taught in course order "));
        s.Append(Invariant($"({calibration.Answers} answers, {calibrationTime.TotalSeconds:0.0} s). Mastery is mean hidden knowledge over the {skills} skills at the end of term; "));
        s.AppendLine("gain per hour is Σ gain (in skills) / Σ hours over all learners.");
        s.AppendLine();
        s.AppendLine("| policy | mastery start → end | gain (skills) per learner | hours per learner | gain per hour | vs course order | steps per learner | plans refused | Plan p50 / p99 ms |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var n = r.Learners.Count;
            var perHour = r.GainPerHour(skills);
            var ms = r.PlanMilliseconds.Order().ToList();
            var latency = ms.Count == 0 ? "—" : Invariant($"{ms[(int)(0.5 * (ms.Count - 1))]:0.00} / {ms[(int)(0.99 * (ms.Count - 1))]:0.00}");
            s.AppendLine(Invariant(
                $"| {r.Policy} | {r.Learners.Average(l => l.StartMastery):0.000} → {r.Learners.Average(l => l.EndMastery):0.000} | {r.Gain * skills / n:0.00} | {r.Hours / n:0.0} | {perHour:0.000} | {(perHour / baseline - 1) * 100:+0;-0}% | {r.Learners.Average(l => l.Steps):0} | {r.Rejections} | {latency} |"));
        }
        return s.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
