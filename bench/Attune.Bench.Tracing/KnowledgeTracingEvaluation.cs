using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Logistic;

namespace Attune.Bench.Tracing;

/// <summary>
/// Next-answer prediction on an ASSISTments split in the DKVMN preprocessing (<see cref="AssistmentsDataset"/>): fit on
/// the train file, predict every answer of the test file from that student's earlier test answers only (each prediction
/// is made before the answer is seen), and score all test answers. A skill's opportunities are one forgetting period
/// apart, as the file has no timestamps.
/// </summary>
public static class KnowledgeTracingEvaluation
{
    public static (IReadOnlyList<TracingResult> Rows, LogisticParameters Logistic) Run(string dataDirectory, AssistmentsDataset dataset, TextWriter log)
    {
        var folder = Path.Combine(dataDirectory, dataset.Folder);
        var train = AssistmentsSplit.Read(Path.Combine(folder, dataset.TrainFile));
        var test = AssistmentsSplit.Read(Path.Combine(folder, dataset.TestFile));
        log.WriteLine($"{dataset.Name}: train {train.Students.Count} students / {train.Answers} answers, test {test.Students.Count} / {test.Answers}");
        var actual = test.Students.SelectMany(s => s.Correct).ToArray();

        var rows = new List<TracingResult>();
        foreach (var forgetting in new[] { false, true })
        {
            var watch = Stopwatch.StartNew();
            var (perSkill, pooled) = FitBkt(train, forgetting);
            var predicted = PredictBkt(test, perSkill, pooled);
            rows.Add(new TracingResult(
                forgetting ? "BKT with forgetting (per-skill EM)" : "BKT, no forgetting (per-skill EM)",
                PredictionMetrics.Auc(predicted, actual), PredictionMetrics.Rmse(predicted, actual), PredictionMetrics.LogLoss(predicted, actual),
                string.Create(CultureInfo.InvariantCulture, $"{perSkill.Count} skills, {watch.Elapsed.TotalSeconds:0.0} s")));
            log.WriteLine($"  {rows[^1].Model}: AUC {rows[^1].Auc:0.0000} ({rows[^1].Fit})");
        }

        var logisticWatch = Stopwatch.StartNew();
        var fit = LogisticFitter.Fit(LogisticRows(train, null), new LogisticFitOptions { MinAnswersPerItem = 0 });
        var logistic = new List<double>(test.Answers);
        LogisticRows(test, fit.Parameters, logistic);
        rows.Add(new TracingResult("Logistic PFA/Best-LR + recency (L-BFGS)",
            PredictionMetrics.Auc(logistic, actual), PredictionMetrics.Rmse(logistic, actual), PredictionMetrics.LogLoss(logistic, actual),
            string.Create(CultureInfo.InvariantCulture, $"{fit.Parameters.Skills.Count} skills, {fit.Iterations} iterations, {logisticWatch.Elapsed.TotalSeconds:0.0} s")));
        log.WriteLine($"  {rows[^1].Model}: AUC {rows[^1].Auc:0.0000} ({rows[^1].Fit})");

        // Shared weights only: what a tenant without its own fit gets (LogisticParameters.Default is this fit).
        var sharedWatch = Stopwatch.StartNew();
        var shared = LogisticFitter.Fit(LogisticRows(train, null), new LogisticFitOptions { MinAnswersPerItem = 0, MinAnswersPerSkill = int.MaxValue });
        var sharedPredictions = new List<double>(test.Answers);
        LogisticRows(test, shared.Parameters, sharedPredictions);
        rows.Add(new TracingResult("Logistic, shared weights only (the plugin's default before a tenant fit)",
            PredictionMetrics.Auc(sharedPredictions, actual), PredictionMetrics.Rmse(sharedPredictions, actual), PredictionMetrics.LogLoss(sharedPredictions, actual),
            string.Create(CultureInfo.InvariantCulture, $"9 weights, {shared.Iterations} iterations, {sharedWatch.Elapsed.TotalSeconds:0.0} s")));
        log.WriteLine($"  {rows[^1].Model}: AUC {rows[^1].Auc:0.0000} ({rows[^1].Fit})");
        return (rows, shared.Parameters);
    }

    private static (IReadOnlyDictionary<int, BktParameters> PerSkill, BktParameters Pooled) FitBkt(AssistmentsSplit train, bool forgetting)
    {
        var bySkill = new Dictionary<int, List<BktObservation[]>>();
        foreach (var (skills, correct) in train.Students)
        {
            foreach (var group in skills.Select((skill, i) => (skill, i)).GroupBy(x => x.skill))
            {
                if (!bySkill.TryGetValue(group.Key, out var list))
                {
                    bySkill[group.Key] = list = [];
                }
                list.Add(group.Select(x => new BktObservation(correct[x.i], 1)).ToArray());
            }
        }
        var options = new BktFitOptions { FitForgetting = forgetting };
        var pooled = BktFitter.Fit(bySkill.Values.SelectMany(s => s).ToList(), options).Parameters;
        var fits = new ConcurrentDictionary<int, BktParameters>();
        Parallel.ForEach(bySkill.Where(p => p.Value.Sum(s => s.Length) >= 30), pair => fits[pair.Key] = BktFitter.Fit(pair.Value, options).Parameters);
        return (fits, pooled);
    }

    private static List<double> PredictBkt(AssistmentsSplit test, IReadOnlyDictionary<int, BktParameters> perSkill, BktParameters pooled)
    {
        var predicted = new List<double>(test.Answers);
        foreach (var (skills, correct) in test.Students)
        {
            var mastery = new Dictionary<int, double>();
            for (var i = 0; i < skills.Length; i++)
            {
                var p = perSkill.TryGetValue(skills[i], out var own) ? own : pooled;
                var before = mastery.TryGetValue(skills[i], out var m) ? BayesianKnowledgeTracing.Forget(m, 1, p) : p.Prior;
                predicted.Add(BayesianKnowledgeTracing.PredictCorrect(before, p));
                mastery[skills[i]] = BayesianKnowledgeTracing.Learn(BayesianKnowledgeTracing.Posterior(before, correct[i], p), p);
            }
        }
        return predicted;
    }

    /// <summary>Replays each student's answers through the plugin's own evidence updates: training rows, or predictions when <paramref name="parameters"/> is given.</summary>
    private static List<LogisticAttempt> LogisticRows(AssistmentsSplit split, LogisticParameters? parameters, List<double>? predictions = null)
    {
        var rows = new List<LogisticAttempt>(parameters is null ? split.Answers : 0);
        foreach (var (skills, correct) in split.Students)
        {
            var evidence = new Dictionary<int, SkillEvidence>();
            var learner = default(LearnerEvidence);
            for (var i = 0; i < skills.Length; i++)
            {
                var key = skills[i].ToString(CultureInfo.InvariantCulture);
                evidence.TryGetValue(skills[i], out var e);
                if (parameters is null)
                {
                    rows.Add(new LogisticAttempt(null, [new SkillSnapshot(key, e)], learner, correct[i]));
                }
                else
                {
                    predictions!.Add(LogisticPredictor.Predict(parameters, null, key, e, learner));
                }
                evidence[skills[i]] = LogisticPredictor.WithAnswer(e, correct[i]);
                learner = LogisticPredictor.WithAnswer(learner, correct[i]);
            }
        }
        return rows;
    }
}
