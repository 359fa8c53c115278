using System.Globalization;
using System.Text;

namespace Attune.Evaluation.Reporting;

/// <summary>What one data set's run measured, and its Markdown.</summary>
public sealed class DatasetReport(string name)
{
    public string Name { get; } = name;
    public List<string> Notes { get; } = [];
    public IReadOnlyDictionary<string, double> Training { get; set; } = new Dictionary<string, double>();
    public double TrainSeconds { get; set; }
    public (double Recall, double Ndcg, double PopRecall, double PopNdcg, double CoursePopRecall, double CoursePopNdcg, int Learners, int Pairs)? Ranking { get; set; }
    public (double Mf, double GlobalMean, double ItemMean, int Scores)? Explicit { get; set; }
    public (double Recall, double PopRecall, double CoursePopRecall, int Events, int ColdLearnerEvents, double FoldInP50, double FoldInP99, double Seconds)? Prequential { get; set; }
    public MemoryProbe PeakMemory { get; set; }

    public string ToMarkdown()
    {
        var m = Training;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"### {Name}");
        s.AppendLine();
        foreach (var note in Notes)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }
        s.AppendLine(CultureInfo.InvariantCulture,
            $"- model: k={Get("factors")}, λ={Get("lambda")}, α={Get("alpha")}, α₀={Get("unobserved-weight")}, ν={Get("frequency-scaling")}, {Get("epochs")} epochs; " +
            $"{Get("learners")} learners × {Get("items")} items, {Get("interactions")} interactions; tuning tried {Get("tuning/tried")} of {Get("tuning/grid")} in {Get("tuning/seconds")} s");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"- time: {Get("seconds/epoch", 4)} s per epoch (final fit), TrainAsync {TrainSeconds:0.00} s in all; memory: {PeakMemory}");
        s.AppendLine();
        s.AppendLine("| metric | matrix-factorization | popularity baseline | course-popularity baseline |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        if (Ranking is { } r)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| Recall@20 (full ranking, {r.Learners:N0} learners, {r.Pairs:N0} test pairs) | {r.Recall:0.0000} | {r.PopRecall:0.0000} | {r.CoursePopRecall:0.0000} |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| NDCG@10 | {r.Ndcg:0.0000} | {r.PopNdcg:0.0000} | {r.CoursePopNdcg:0.0000} |");
        }
        if (Prequential is { } p)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| prequential Recall@20 ({p.Events:N0} new-item events, {p.ColdLearnerEvents:N0} from learners with no history) | {p.Recall:0.0000} | {p.PopRecall:0.0000} | {p.CoursePopRecall:0.0000} |");
        }
        if (Explicit is { } e)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| RMSE ({e.Scores:N0} held-out scores; baselines: global mean, item mean) | {e.Mf:0.0000} | {e.GlobalMean:0.0000} | {e.ItemMean:0.0000} (item mean) |");
        }
        if (Prequential is { } q)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"Fold-in (FoldIn through the API, after each replayed event): p50 {q.FoldInP50:0.0} µs, p99 {q.FoldInP99:0.0} µs; replay took {q.Seconds:0.0} s.");
        }
        var tuning = m.Where(kv => kv.Key.StartsWith("tuning/k=", StringComparison.Ordinal) && kv.Key.EndsWith("/recall@20", StringComparison.Ordinal)).ToList();
        if (tuning.Count > 0)
        {
            s.AppendLine();
            var tried = string.Join(", ", tuning.OrderByDescending(kv => kv.Value).Select(kv => FormattableString.Invariant($"{kv.Key["tuning/".Length..^"/recall@20".Length]} → {kv.Value:0.0000}")));
            s.AppendLine(CultureInfo.InvariantCulture, $"Tuning (holdout Recall@20 on the training rows' newest 10%; popularity {Get("tuning/popularity/recall@20", 4)}): {tried}");
        }
        s.AppendLine();
        return s.ToString();

        string Get(string key, int digits = 3) => m.TryGetValue(key, out var v) ? v.ToString("g" + digits, CultureInfo.InvariantCulture) : "–";
    }
}
