using System.Diagnostics;
using Attune.Plugins.MatrixFactorization.Model;

namespace Attune.Plugins.MatrixFactorization.Training;

/// <summary>
/// From an aggregated journal to a model: optional hyperparameter search on a time-ordered holdout, the final implicit
/// fit on everything, the explicit fit on the scores (with its holdout RMSE against the global mean), priors for items
/// without factors, and popularity for learners without history. Every number worth keeping goes into the metrics.
/// </summary>
internal static class ModelTrainer
{
    public static TrainedContent Train(InteractionJournal journal, MatrixFactorizationOptions options, int seed,
        Action<string, double> report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["events"] = journal.Events,
            ["learners"] = journal.Learners.Count,
            ["items"] = journal.Items.Count,
            ["interactions"] = journal.Pairs,
        };
        var h = AlsHyperparameters.From(options);
        var holdout = TimeOrderedHoldout.Split(journal, options.Tuning.HoldoutFraction);
        if (options.Tuning.Enabled && journal.Pairs >= options.Tuning.MinimumInteractions && holdout is not null)
        {
            report("tuning", 10);
            h = HyperparameterSearch.Run(journal, holdout, options, seed, metrics, phase => report(phase, 30), cancellationToken);
        }

        var (learners, items) = journal.Matrices(null, a => h.Confidence.Confidence(a));
        var fit = ImplicitAls.Fit(learners, items, h, seed, options.MaxThreads, cancellationToken,
            (epoch, _) => report($"epoch {epoch + 1}/{h.Epochs}", 40 + 45.0 * (epoch + 1) / h.Epochs));
        metrics["factors"] = h.Factors;
        metrics["lambda"] = h.Regularization;
        metrics["alpha"] = h.Alpha;
        metrics["unobserved-weight"] = h.UnobservedWeight;
        metrics["frequency-scaling"] = h.FrequencyScaling;
        metrics["epochs"] = h.Epochs;
        metrics["seconds/epoch"] = fit.EpochSeconds.Average();
        metrics["loss"] = ImplicitAls.Loss(learners, fit.LearnerFactors, fit.ItemFactors, items.Rows, h, options.MaxThreads);
        metrics["solver-fallbacks"] = fit.SolverFallbacks;

        var (explicitFit, explicitLambda) = FitExplicit(journal, holdout, options, seed, metrics, cancellationToken);
        report("priors", 95);
        var content = Assemble(journal, h, fit, explicitFit, explicitLambda);
        metrics["seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new TrainedContent(content, metrics, fit, explicitFit);
    }

    private static (ExplicitFactors? Fit, double Lambda) FitExplicit(InteractionJournal journal, TimeOrderedHoldout? holdout, MatrixFactorizationOptions options,
        int seed, IDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        var o = options.Explicit;
        var aggregates = journal.Aggregates;
        var scored = 0;
        foreach (var a in aggregates)
        {
            scored += a.HasScore ? 1 : 0;
        }
        metrics["explicit/scores"] = scored;
        if (!o.Enabled || scored < o.MinimumScores)
        {
            return (null, o.Regularization);
        }
        var lambda = o.Regularization;
        if (holdout is not null)
        {
            // Time-ordered RMSE: fit on scores first seen before the cut-off, predict the later ones whose learner and
            // item both had earlier scores; the global mean of the earlier scores is the baseline. With tuning on, each
            // λ of the explicit grid is tried (the fit is small next to the implicit one) and the lowest RMSE wins.
            var (trainRows, trainItems) = journal.ScoreMatrices(holdout.Train);
            var inTrain = new bool[journal.Pairs];
            foreach (var p in holdout.Train)
            {
                inTrain[p] = true;
            }
            var lambdas = options.Tuning.Enabled
                ? MatrixFactorizationOptions.ParseList(options.Tuning.ExplicitRegularization, "Tuning:ExplicitRegularization").Append(o.Regularization).Distinct().Order().ToArray()
                : [o.Regularization];
            var bestRmse = double.PositiveInfinity;
            foreach (var candidate in trainRows.Count > 0 ? lambdas : [])
            {
                var fit = ExplicitMatrixFactorization.Fit(trainRows, trainItems, o.Factors, candidate, o.Epochs, seed, options.MaxThreads, cancellationToken);
                double sum = 0, baseline = 0;
                var n = 0;
                for (var p = 0; p < journal.Pairs; p++)
                {
                    var u = journal.PairLearner[p];
                    var i = journal.PairItem[p];
                    if (inTrain[p] || !aggregates[p].HasScore || trainRows.RowLength(u) == 0 || trainItems.RowLength(i) == 0)
                    {
                        continue;
                    }
                    var e = fit.Predict(u, i) - aggregates[p].LastScore;
                    var b = fit.Mean - aggregates[p].LastScore;
                    sum += e * e;
                    baseline += b * b;
                    n++;
                }
                if (n == 0)
                {
                    break;
                }
                var rmse = Math.Sqrt(sum / n);
                metrics[$"explicit/tuning/lambda={candidate.ToString("g4", System.Globalization.CultureInfo.InvariantCulture)}/rmse"] = rmse;
                metrics["explicit/holdout-scores"] = n;
                metrics["explicit/holdout/global-mean-rmse"] = Math.Sqrt(baseline / n);
                if (rmse < bestRmse)
                {
                    bestRmse = rmse;
                    lambda = candidate;
                }
            }
            if (double.IsFinite(bestRmse))
            {
                metrics["explicit/holdout/rmse"] = bestRmse;
            }
        }
        var (rows, columns) = journal.ScoreMatrices(null);
        var final = ExplicitMatrixFactorization.Fit(rows, columns, o.Factors, lambda, o.Epochs, seed, options.MaxThreads, cancellationToken);
        metrics["explicit/factors"] = o.Factors;
        metrics["explicit/lambda"] = lambda;
        metrics["explicit/mean"] = final.Mean;
        metrics["explicit/train/rmse"] = ExplicitMatrixFactorization.Rmse(
            Expand(rows), rows.Columns, rows.Values, final.Predict);
        return (final, lambda);
    }

    private static int[] Expand(Numerics.SparseRows rows)
    {
        var result = new int[rows.Columns.Length];
        for (var r = 0; r < rows.Rows; r++)
        {
            for (var e = rows.RowStart[r]; e < rows.RowStart[r + 1]; e++)
            {
                result[e] = r;
            }
        }
        return result;
    }

    /// <summary>Packs factors, priors and popularity into <see cref="ModelContent"/>.</summary>
    private static ModelContent Assemble(InteractionJournal journal, AlsHyperparameters h, AlsFactors fit, ExplicitFactors? explicitFit, double explicitLambda)
    {
        var k = h.Factors;
        var itemCount = journal.Items.Count;
        var itemLearners = new int[itemCount];
        var itemScores = new int[itemCount];
        var aggregates = journal.Aggregates;
        for (var p = 0; p < journal.Pairs; p++)
        {
            itemLearners[journal.PairItem[p]]++;
            itemScores[journal.PairItem[p]] += aggregates[p].HasScore ? 1 : 0;
        }

        var courses = journal.ItemCourses.Where(c => c is not null).Select(c => c!.Value).Distinct().OrderBy(c => c.Value, StringComparer.Ordinal).ToArray();
        var courseIndex = courses.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var itemCourse = journal.ItemCourses.Select(c => c is { } course ? courseIndex[course] : -1).ToArray();
        var courseLearners = new int[courses.Length];
        var seen = new HashSet<long>();
        for (var p = 0; p < journal.Pairs; p++)
        {
            var c = itemCourse[journal.PairItem[p]];
            if (c >= 0 && seen.Add(((long)journal.PairLearner[p] << 32) | (uint)c))
            {
                courseLearners[c]++;
            }
        }
        var skills = journal.ItemSkills.SelectMany(s => s).Distinct().OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();
        var skillIndex = skills.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i);
        var itemSkills = journal.ItemSkills.Select(list => list.Select(s => skillIndex[s]).ToArray()).ToArray();

        var allItems = Enumerable.Range(0, itemCount).ToArray();
        var coursePriors = GroupMeans(fit.ItemFactors, k, courses.Length, i => itemCourse[i] >= 0 ? [itemCourse[i]] : [], allItems);
        var skillPriors = GroupMeans(fit.ItemFactors, k, skills.Length, i => itemSkills[i], allItems);
        var globalPrior = GroupMeans(fit.ItemFactors, k, 1, _ => [0], allItems);

        var ke = explicitFit?.Factors ?? 0;
        var ew = ke == 0 ? 0 : ke + 1;
        float[] explicitItems = [], courseExplicit = [], skillExplicit = [], globalExplicit = [];
        if (explicitFit is not null)
        {
            // Priors come from items that had scores; items without scores get the prior of their course and skills,
            // so a score prediction for them is a course-level guess rather than an untrained random vector.
            var scoredItems = allItems.Where(i => itemScores[i] > 0).ToArray();
            explicitItems = (float[])explicitFit.ItemParameters.Clone();
            courseExplicit = GroupMeans(explicitItems, ew, courses.Length, i => itemCourse[i] >= 0 ? [itemCourse[i]] : [], scoredItems);
            skillExplicit = GroupMeans(explicitItems, ew, skills.Length, i => itemSkills[i], scoredItems);
            globalExplicit = GroupMeans(explicitItems, ew, 1, _ => [0], scoredItems);
            foreach (var i in allItems.Where(i => itemScores[i] == 0))
            {
                var target = explicitItems.AsSpan(i * ew, ew);
                var source = itemCourse[i] >= 0 ? courseExplicit.AsSpan(itemCourse[i] * ew, ew) : globalExplicit.AsSpan();
                source.CopyTo(target);
            }
        }
        return new ModelContent
        {
            Implicit = h,
            ExplicitFactors = ke,
            ExplicitMean = explicitFit?.Mean ?? 0,
            ExplicitRegularization = explicitLambda,
            Learners = journal.Learners.Count,
            Interactions = journal.Pairs,
            ItemIds = journal.Items.Select(i => i.Value).ToArray(),
            ItemCourses = journal.ItemCourses.Select(c => c?.Value ?? "").ToArray(),
            ItemLearners = itemLearners,
            ItemScores = itemScores,
            ItemFactors = fit.ItemFactors,
            ExplicitItems = explicitItems,
            Courses = courses.Select(c => c.Value).ToArray(),
            CourseLearners = courseLearners,
            CoursePriors = coursePriors,
            CourseExplicitPriors = courseExplicit,
            Skills = skills.Select(s => s.Value).ToArray(),
            SkillPriors = skillPriors,
            SkillExplicitPriors = skillExplicit,
            GlobalPrior = globalPrior,
            GlobalExplicitPrior = globalExplicit,
        };
    }

    // The mean row of `factors` over `items` per group (an item may be in several groups); empty groups stay 0.
    private static float[] GroupMeans(float[] factors, int width, int groups, Func<int, int[]> groupsOf, int[] items)
    {
        var sums = new double[groups * width];
        var counts = new int[groups];
        foreach (var i in items)
        {
            foreach (var g in groupsOf(i))
            {
                counts[g]++;
                for (var f = 0; f < width; f++)
                {
                    sums[g * width + f] += factors[(long)i * width + f];
                }
            }
        }
        var means = new float[groups * width];
        for (var g = 0; g < groups; g++)
        {
            for (var f = 0; f < width && counts[g] > 0; f++)
            {
                means[g * width + f] = (float)(sums[g * width + f] / counts[g]);
            }
        }
        return means;
    }
}
