using System.Collections.Concurrent;
using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Logistic;

namespace Attune.Plugins.KnowledgeTracing.Model;

/// <summary>
/// Fits a <see cref="KnowledgeTracingModel"/> from a tenant's journal: what the host's strategy-fit job (a Hangfire
/// job, like the recommenders' refactorization) runs through <see cref="KnowledgeTracingStrategy.TrainAsync"/>, storing
/// the result as a model version. A pure function of the events: it reads them with the plugin's own rules
/// (<see cref="KnowledgeTracer.Outcome"/>), so what is fitted is what the plugin observes.
/// </summary>
public static class KnowledgeTracingTrainer
{
    /// <summary>Fits BKT per skill (pooled for rare skills) and the logistic predictor.</summary>
    /// <param name="journal">Events of any learners, in any order (each learner's are sorted by timestamp, stably).</param>
    /// <param name="options">The plugin's rules (answer kinds, correct-at score, forgetting period).</param>
    /// <param name="minAnswersPerSkill">Skills with fewer answers use the pooled BKT fit.</param>
    /// <param name="bkt">EM settings.</param>
    /// <param name="logistic">Logistic fit settings.</param>
    /// <param name="cancellationToken">Checked between skills.</param>
    public static KnowledgeTracingTraining Fit(
        IEnumerable<LearningEvent> journal,
        KnowledgeTracingOptions? options = null,
        int minAnswersPerSkill = 30,
        BktFitOptions? bkt = null,
        LogisticFitOptions? logistic = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        options ??= new KnowledgeTracingOptions();
        var tracer = new KnowledgeTracer(options, KnowledgeTracingModel.Default);
        var periodTicks = options.ForgettingPeriodDays * TimeSpan.TicksPerDay;

        var sequences = new Dictionary<string, List<BktObservation[]>>(StringComparer.Ordinal);
        var attempts = new List<LogisticAttempt>();
        var learners = 0;
        foreach (var learner in journal.GroupBy(e => e.Learner).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var state = new KnowledgeState();
            var perKey = new Dictionary<string, List<BktObservation>>(StringComparer.Ordinal);
            var lastAt = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in learner.OrderBy(e => e.Timestamp))
            {
                var correct = tracer.Outcome(e, out var isOpportunity);
                if (!isOpportunity)
                {
                    continue;
                }
                var keys = KnowledgeTracer.KeysOf(e.Item, e.Skills).ToArray();
                if (correct is { } answer)
                {
                    var snapshots = new SkillSnapshot[keys.Length];
                    for (var i = 0; i < keys.Length; i++)
                    {
                        state.TryGet(keys[i], out var evidence);
                        snapshots[i] = new SkillSnapshot(keys[i], evidence);
                    }
                    attempts.Add(new LogisticAttempt(e.Item.Value, snapshots, state.Learner, answer));
                }
                foreach (var key in keys)
                {
                    var periods = lastAt.TryGetValue(key, out var previous) ? Math.Max(0, e.Timestamp.UtcTicks - previous) / periodTicks : 0;
                    lastAt[key] = Math.Max(previous, e.Timestamp.UtcTicks);
                    if (!perKey.TryGetValue(key, out var list))
                    {
                        perKey[key] = list = [];
                    }
                    list.Add(new BktObservation(correct, periods));
                }
                tracer.Observe(state, e);
            }
            if (perKey.Count == 0)
            {
                continue;
            }
            learners++;
            foreach (var (key, list) in perKey)
            {
                if (!sequences.TryGetValue(key, out var all))
                {
                    sequences[key] = all = [];
                }
                all.Add(list.ToArray());
            }
        }

        var answers = attempts.Count;
        if (answers == 0)
        {
            return new KnowledgeTracingTraining(KnowledgeTracingModel.Default, null, new Dictionary<string, BktFit>(), null, learners, 0);
        }
        var pooled = BktFitter.Fit(sequences.Values.SelectMany(s => s).Where(s => s.Any(o => o.Correct.HasValue)).ToList(), bkt);
        var fits = new ConcurrentDictionary<string, BktFit>(StringComparer.Ordinal);
        var fitted = sequences.Where(p => p.Value.Sum(s => s.Count(o => o.Correct.HasValue)) >= minAnswersPerSkill).ToList();
        Parallel.ForEach(fitted, new ParallelOptions { CancellationToken = cancellationToken }, pair =>
            fits[pair.Key] = BktFitter.Fit(pair.Value.Where(s => s.Any(o => o.Correct.HasValue)).ToList(), bkt));
        var logisticFit = LogisticFitter.Fit(attempts, logistic);
        var skillFits = fits.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var model = new KnowledgeTracingModel(
            pooled.Parameters,
            skillFits.ToDictionary(p => p.Key, p => p.Value.Parameters, StringComparer.Ordinal),
            logisticFit.Parameters);
        return new KnowledgeTracingTraining(model, pooled, skillFits, logisticFit, learners, answers);
    }
}
