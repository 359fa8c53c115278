using Attune.Plugins.StudyPlanner.Learners;

namespace Attune.Plugins.StudyPlanner.Learning;

/// <summary>
/// How well a <see cref="LearningModel"/> predicts answers it was not fitted on: every learner's events are replayed in
/// time order through <see cref="StudyTracer"/>; each scored held-out event is predicted before it is seen,
/// P(right) = P(L)(1 − S) + (1 − P(L))G averaged over the item's skills, and scored by log loss with the score as a soft
/// label (a quiz graded 0.7 is 0.7 of a right answer). Also the area under the ROC curve for answers scored 0 or 1.
/// </summary>
internal static class LearningModelEvaluator
{
    public static StrategyModelEvaluation Evaluate(
        LearningModel model, StudyTracer tracer, IEnumerable<LearningEvent> before, IEnumerable<LearningEvent> holdout,
        Func<LearningEvent, IReadOnlyList<SkillId>> skillsOf)
    {
        var events = before.Select(e => (Event: e, Held: false)).Concat(holdout.Select(e => (Event: e, Held: true)));
        double loss = 0;
        var count = 0;
        var binary = new List<(double P, bool Right)>();
        foreach (var learner in events.GroupBy(x => x.Event.Learner))
        {
            var state = new StudyState();
            foreach (var (e, held) in learner.OrderBy(x => x.Event.Timestamp))
            {
                var skilled = e.Skills.Count > 0 ? e : new LearningEvent(e.Id, e.Learner, e.Item, e.Kind, e.Timestamp, e.Course, e.Score, e.DurationSeconds, skillsOf(e), e.Source);
                if (held && e.Score is { } y)
                {
                    var keys = StudyTracer.KeysOf(e.Item.Value, skilled.Skills);
                    var p = 0.0;
                    foreach (var key in keys)
                    {
                        var known = StudyTracer.KnownNow(state, key, model, e.Timestamp);
                        var s = model.SkillFor(key);
                        p += known * (1 - s.Slip) + (1 - known) * s.Guess;
                    }
                    p = Math.Clamp(p / keys.Count, 1e-6, 1 - 1e-6);
                    loss -= y * Math.Log(p) + (1 - y) * Math.Log(1 - p);
                    count++;
                    if (y is 0 or 1)
                    {
                        binary.Add((p, y == 1));
                    }
                }
                tracer.Observe(state, skilled, model);
            }
        }
        var metrics = new Dictionary<string, double>();
        if (Auc(binary) is { } auc)
        {
            metrics["auc"] = Math.Round(auc, 6);
        }
        return new StrategyModelEvaluation(count == 0 ? 0 : loss / count, count, metrics);
    }

    /// <summary>The area under the ROC curve (Mann–Whitney, ties counted half), or <c>null</c> without both classes.</summary>
    public static double? Auc(List<(double P, bool Right)> predictions)
    {
        var positives = predictions.Count(p => p.Right);
        var negatives = predictions.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        var sorted = predictions.OrderBy(p => p.P).ToList();
        double rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].P == sorted[i].P)
            {
                j++;
            }
            var rank = (i + j + 1) / 2.0; // mean of ranks i+1..j
            for (var k = i; k < j; k++)
            {
                if (sorted[k].Right)
                {
                    rankSum += rank;
                }
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
