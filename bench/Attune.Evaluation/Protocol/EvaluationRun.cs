using System.Diagnostics;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Reporting;
using Attune.Learners;
using Attune.Plugins;
using Attune.Plugins.MatrixFactorization;
using Attune.Plugins.MatrixFactorization.Model;
using Attune.Plugins.MatrixFactorization.Training;
using Attune.Plugins.Testing;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// One data set end to end, through the host's calls: TrainAsync on the training rows, LoadModel, then for each test
/// learner FoldIn on their training history and Score over the catalog. Popularity (distinct training learners per
/// item) is scored in the same loop, on the same exclusions. Then explicit RMSE, then the prequential replay.
/// </summary>
public sealed class EvaluationRun(InteractionTable table, IReadOnlyDictionary<string, string?> settings, int prequentialEvents, double? positiveAtLeast, TextWriter log)
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<DatasetReport> RunAsync()
    {
        var report = new DatasetReport(table.Name);
        // Implicit positives: every row, or (ratings) only rows scoring at least the threshold, as in iALS benchmarks.
        Func<int, bool>? positive = positiveAtLeast is { } min ? r => table.Rows[r].Score * table.ScoreScale >= min - 1e-9 : null;
        var split = TimeOrderedSplit.Create(table, 0.2, positive);
        report.Notes.Add($"{table.Name}: {table.Rows.Count:N0} rows, {table.Users.Count:N0} learners, {table.Items.Count:N0} items; {split.Description}" +
            (positiveAtLeast is { } p ? $"; implicit positives are ratings >= {p}" : ""));

        var recommender = Create(settings);
        // Ratings data sets train the implicit model on positives as views (no score), the explicit one separately below.
        var implicitKind = positiveAtLeast is null ? (EventKind?)null : EventKind.Viewed;
        var (artifact, trainSeconds) = await TrainAsync(recommender, split.Train, implicitKind);
        var model = (MatrixFactorizationModel)recommender.LoadModel(artifact);
        report.Training = artifact.Metrics;
        report.TrainSeconds = trainSeconds;
        log.WriteLine($"  trained in {trainSeconds:0.0} s: {Format(artifact.Metrics)}");

        var histories = Histories(split.Train, implicitKind);
        var catalog = Catalog(split.Train);
        var popularity = PopularityByItem(split.Train);
        FullRanking(recommender, model, histories, catalog, popularity, split, report);

        if (table.Kind == EventKind.Graded)
        {
            await ExplicitAsync(recommender, model, positiveAtLeast is null ? null : TimeOrderedSplit.Create(table, 0.2), report);
        }
        Prequential(recommender, model, histories, catalog, popularity, split, report, implicitKind);
        report.PeakMemory = MemoryProbe.Read();
        return report;
    }

    private static MatrixFactorizationRecommender Create(IReadOnlyDictionary<string, string?> settings) =>
        new(new PluginContext("matrix-factorization", new ConsoleLogger(), TimeProvider.System, new PluginSettings(settings), 1));

    private async Task<(ModelArtifact Artifact, double Seconds)> TrainAsync(MatrixFactorizationRecommender recommender, int[] rows, EventKind? kind)
    {
        var started = Stopwatch.GetTimestamp();
        var artifact = await recommender.TrainAsync(new TrainingRequest(new TenantId("evaluation"), null, 20261129), new TableSource(table, rows, kind),
            new Progress<TrainingProgress>(), CancellationToken.None) ?? throw new InvalidOperationException("no model was trained");
        return (artifact, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private Dictionary<int, LearnerHistoryBuilder> Histories(int[] rows, EventKind? kind)
    {
        var histories = new Dictionary<int, LearnerHistoryBuilder>();
        foreach (var r in rows.OrderBy(r => table.Rows[r].Ticks).ThenBy(r => r))
        {
            var user = table.Rows[r].User;
            if (!histories.TryGetValue(user, out var h))
            {
                histories[user] = h = new LearnerHistoryBuilder(new LearnerId(table.Users[user]));
            }
            h.Apply(table.Event(r, kind));
        }
        return histories;
    }

    /// <summary>Every item of the table as the host's catalog would offer it, with training-time engagement.</summary>
    private Candidate[] Catalog(int[] trainRows)
    {
        var learners = PopularityByItem(trainRows);
        var courseLearners = trainRows.Select(r => (table.Rows[r].User, Course: table.ItemCourses[table.Rows[r].Item] ?? table.Name))
            .Distinct().GroupBy(p => p.Course).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enumerable.Range(0, table.Items.Count).Select(i =>
        {
            var course = table.ItemCourses[i] ?? table.Name;
            return new Candidate(new ItemId(table.Items[i]), new CourseId(course), null, null, 10, null, [], (int)learners[i], courseLearners.GetValueOrDefault(course));
        })];
    }

    private float[] PopularityByItem(int[] rows)
    {
        var counts = new float[table.Items.Count];
        foreach (var (_, item) in rows.Select(r => (table.Rows[r].User, table.Rows[r].Item)).Distinct())
        {
            counts[item]++;
        }
        return counts;
    }

    private void FullRanking(MatrixFactorizationRecommender recommender, MatrixFactorizationModel model, Dictionary<int, LearnerHistoryBuilder> histories,
        Candidate[] catalog, float[] popularity, TimeOrderedSplit split, DatasetReport report)
    {
        var warm = new bool[table.Items.Count];
        foreach (var r in split.Train)
        {
            warm[table.Rows[r].Item] = true;
        }
        var candidates = catalog.Where((_, i) => warm[i]).ToArray();
        var relevantByUser = new Dictionary<int, HashSet<int>>();
        var coldTest = 0;
        foreach (var r in split.Test)
        {
            var row = table.Rows[r];
            if (!histories.TryGetValue(row.User, out var h) || h.History.Items.ContainsKey(new ItemId(table.Items[row.Item])))
            {
                continue;
            }
            if (!warm[row.Item])
            {
                coldTest++;
                continue;
            }
            if (!relevantByUser.TryGetValue(row.User, out var set))
            {
                relevantByUser[row.User] = set = [];
            }
            set.Add(row.Item);
        }
        var itemIndex = new Dictionary<ItemId, int>();
        for (var i = 0; i < table.Items.Count; i++)
        {
            itemIndex[new ItemId(table.Items[i])] = i;
        }
        var scores = new float[table.Items.Count];
        var excluded = new bool[table.Items.Count];
        var relevant = new bool[table.Items.Count];
        var top = new int[20];
        var als = new RankingAccumulator();
        var pop = new RankingAccumulator();
        var coursePop = new RankingAccumulator();
        var inCourse = new float[table.Items.Count];
        var started = Stopwatch.GetTimestamp();
        foreach (var (user, items) in relevantByUser)
        {
            var history = histories[user].History;
            var embedding = recommender.FoldIn(model, history);
            var scored = recommender.Score(new ScoringContext(history, LearnerProfile.Empty, embedding, model, candidates, Now));
            Array.Fill(scores, float.NegativeInfinity);
            foreach (var s in scored)
            {
                scores[itemIndex[s.Candidate.Item]] = (float)s.Score;
            }
            for (var i = 0; i < excluded.Length; i++)
            {
                excluded[i] = !warm[i];
            }
            foreach (var item in history.Items.Keys)
            {
                excluded[itemIndex[item]] = true;
            }
            foreach (var i in items)
            {
                relevant[i] = true;
            }
            als.Add(top, RankingMetrics.TopK(scores, excluded, top), relevant, items.Count);
            pop.Add(top, RankingMetrics.TopK(popularity, excluded, top), relevant, items.Count);
            CoursePopularity(history, popularity, inCourse);
            coursePop.Add(top, RankingMetrics.TopK(inCourse, excluded, top), relevant, items.Count);
            foreach (var i in items)
            {
                relevant[i] = false;
            }
        }
        report.Ranking = (als.Recall, als.Ndcg, pop.Recall, pop.Ndcg, coursePop.Recall, coursePop.Ndcg, relevantByUser.Count, relevantByUser.Values.Sum(s => s.Count));
        report.Notes.Add($"full ranking over {candidates.Length:N0} trained items; {coldTest:N0} test pairs on items first seen after the cut are left out; " +
            $"scored {relevantByUser.Count:N0} learners in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private async Task ExplicitAsync(MatrixFactorizationRecommender recommender, MatrixFactorizationModel implicitModel, TimeOrderedSplit? allRatings, DatasetReport report)
    {
        // Ratings data sets: the explicit model learns every rating (not only positives), so it gets its own training.
        var model = implicitModel;
        var split = allRatings;
        Dictionary<int, LearnerHistoryBuilder> histories;
        if (allRatings is not null)
        {
            var (artifact, _) = await TrainAsync(recommender, allRatings.Train, null);
            model = (MatrixFactorizationModel)recommender.LoadModel(artifact);
            histories = Histories(allRatings.Train, null);
        }
        else
        {
            split = TimeOrderedSplit.Create(table, 0.2);
            histories = Histories(split.Train, null);
        }
        if (model.ExplicitFactors == 0)
        {
            report.Notes.Add("explicit: no explicit model (too few scores)");
            return;
        }
        var train = split!.Train.Where(r => !float.IsNaN(table.Rows[r].Score)).ToArray();
        var mean = train.Average(r => table.Rows[r].Score);
        var itemMeans = train.GroupBy(r => table.Rows[r].Item).ToDictionary(g => g.Key, g => g.Average(r => table.Rows[r].Score));
        double mf = 0, globalMean = 0, itemMean = 0;
        var n = 0;
        var embeddings = new Dictionary<int, float[]>();
        foreach (var r in split.Test)
        {
            var row = table.Rows[r];
            if (float.IsNaN(row.Score) || !histories.TryGetValue(row.User, out var history) || !model.TryGetItem(new ItemId(table.Items[row.Item]), out var item)
                || !itemMeans.ContainsKey(row.Item))
            {
                continue;
            }
            if (!embeddings.TryGetValue(row.User, out var embedding))
            {
                embeddings[row.User] = embedding = recommender.FoldIn(model, history.History)!;
            }
            var predicted = model.ExpectedScore(embedding, item) ?? mean;
            mf += Square(predicted - row.Score);
            globalMean += Square(mean - row.Score);
            itemMean += Square(itemMeans[row.Item] - row.Score);
            n++;
        }
        var scale = table.ScoreScale;
        report.Explicit = (scale * Math.Sqrt(mf / n), scale * Math.Sqrt(globalMean / n), scale * Math.Sqrt(itemMean / n), n);
    }

    /// <summary>
    /// Replays the test rows in time order: before each row whose item is new to the learner, Score ranks the whole
    /// catalog (items first seen after the cut included, scored from their priors) and a hit is the item within the top
    /// 20; then the row is applied to the learner's history and FoldIn refolds the embedding, timed.
    /// </summary>
    private void Prequential(MatrixFactorizationRecommender recommender, MatrixFactorizationModel model, Dictionary<int, LearnerHistoryBuilder> histories,
        Candidate[] catalog, float[] popularity, TimeOrderedSplit split, DatasetReport report, EventKind? kind)
    {
        if (prequentialEvents <= 0)
        {
            return;
        }
        var itemIndex = new Dictionary<ItemId, int>();
        for (var i = 0; i < table.Items.Count; i++)
        {
            itemIndex[new ItemId(table.Items[i])] = i;
        }
        var embeddings = new Dictionary<int, float[]?>();
        var scores = new float[table.Items.Count];
        var excluded = new bool[table.Items.Count];
        var top = new int[20];
        int asked = 0, alsHits = 0, popHits = 0, coursePopHits = 0, coldLearnerEvents = 0;
        var inCourse = new float[table.Items.Count];
        var foldIns = new List<double>();
        var started = Stopwatch.GetTimestamp();
        foreach (var r in split.Test)
        {
            if (asked >= prequentialEvents)
            {
                break;
            }
            var row = table.Rows[r];
            var e = table.Event(r, kind);
            if (!histories.TryGetValue(row.User, out var builder))
            {
                histories[row.User] = builder = new LearnerHistoryBuilder(e.Learner);
            }
            var history = builder.History;
            if (!history.Items.ContainsKey(e.Item))
            {
                asked++;
                coldLearnerEvents += history.Items.Count == 0 ? 1 : 0;
                if (!embeddings.TryGetValue(row.User, out var embedding))
                {
                    embeddings[row.User] = embedding = recommender.FoldIn(model, history);
                }
                var scored = recommender.Score(new ScoringContext(history, LearnerProfile.Empty, embedding, model, catalog, Now));
                Array.Fill(scores, float.NegativeInfinity);
                foreach (var s in scored)
                {
                    scores[itemIndex[s.Candidate.Item]] = (float)s.Score;
                }
                Array.Clear(excluded);
                foreach (var item in history.Items.Keys)
                {
                    excluded[itemIndex[item]] = true;
                }
                alsHits += Hit(scores, excluded, top, row.Item);
                popHits += Hit(popularity, excluded, top, row.Item);
                CoursePopularity(history, popularity, inCourse);
                coursePopHits += Hit(inCourse, excluded, top, row.Item);
            }
            builder.Apply(e);
            var t = Stopwatch.GetTimestamp();
            embeddings[row.User] = recommender.FoldIn(model, history);
            foldIns.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        foldIns.Sort();
        report.Prequential = (asked == 0 ? 0 : (double)alsHits / asked, asked == 0 ? 0 : (double)popHits / asked, asked == 0 ? 0 : (double)coursePopHits / asked, asked, coldLearnerEvents,
            Percentile(foldIns, 0.5), Percentile(foldIns, 0.99), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// The stronger baseline for course data: popularity among the items of the courses the learner is active in, ahead
    /// of every other item (global popularity would recommend other modules' assessments). A learner without history
    /// gets plain popularity.
    /// </summary>
    private void CoursePopularity(LearnerHistory history, float[] popularity, float[] result)
    {
        var courses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var course in history.Courses.Keys)
        {
            courses.Add(course.Value);
        }
        for (var i = 0; i < result.Length; i++)
        {
            var course = table.ItemCourses[i];
            result[i] = popularity[i] + (course is not null && courses.Contains(course) ? 1e7f : 0);
        }
    }

    private static int Hit(float[] scores, bool[] excluded, int[] top, int item)
    {
        var n = RankingMetrics.TopK(scores, excluded, top);
        return Array.IndexOf(top, item, 0, n) >= 0 ? 1 : 0;
    }

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)];

    private static double Square(double x) => x * x;

    private static string Format(IReadOnlyDictionary<string, double> m) =>
        string.Join(", ", new[] { "factors", "lambda", "alpha", "seconds/epoch", "tuning/tried" }.Where(m.ContainsKey).Select(k => $"{k}={m[k]:g4}"));

    private sealed class ConsoleLogger : IPluginLogger
    {
        public bool IsEnabled(PluginLogLevel level) => false;

        public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
        {
        }
    }
}
