using Attune.Plugins.KnowledgeTracing.Bkt;
using Attune.Plugins.KnowledgeTracing.Learners;
using Attune.Plugins.KnowledgeTracing.Logistic;
using Attune.Plugins.KnowledgeTracing.Model;

namespace Attune.Plugins.KnowledgeTracing;

/// <summary>
/// The knowledge-tracing engine, apart from the plugin contract so the attention planner (and the fitter,
/// <see cref="Model.KnowledgeTracingTrainer"/>) can run exactly the same rules: which events are answers, how one updates a learner's <see cref="KnowledgeState"/>,
/// and what the learner's mastery of a skill is at a given time.
/// </summary>
public sealed class KnowledgeTracer
{
    private readonly HashSet<string> _answerKinds;
    private readonly HashSet<string> _learningKinds;
    private readonly double _periodTicks;

    /// <summary>Creates an engine with these rules and parameters.</summary>
    public KnowledgeTracer(KnowledgeTracingOptions options, KnowledgeTracingModel model)
    {
        Options = options;
        Model = model;
        _answerKinds = Kinds(options.AnswerKinds);
        _learningKinds = Kinds(options.LearningKinds);
        _periodTicks = options.ForgettingPeriodDays * TimeSpan.TicksPerDay;
    }

    /// <summary>The rules.</summary>
    public KnowledgeTracingOptions Options { get; }

    /// <summary>The parameters.</summary>
    public KnowledgeTracingModel Model { get; }

    /// <summary>
    /// What <paramref name="e"/> is to knowledge tracing: an answer (<c>true</c>/<c>false</c>), a learning opportunity
    /// without an answer (<c>null</c> with <paramref name="isOpportunity"/> set), or nothing.
    /// </summary>
    public bool? Outcome(LearningEvent e, out bool isOpportunity)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Score is { } score && _answerKinds.Contains(e.Kind.Name))
        {
            isOpportunity = true;
            return score >= Options.CorrectAtScore;
        }
        isOpportunity = e.Score is null && _learningKinds.Contains(e.Kind.Name);
        return null;
    }

    /// <summary>The keys an event or candidate updates: its skills, or the item itself when it names none.</summary>
    public static IEnumerable<string> KeysOf(ItemId item, IReadOnlyList<SkillId> skills)
    {
        if (skills.Count == 0)
        {
            yield return KnowledgeState.KeyOf(item);
            yield break;
        }
        for (var i = 0; i < skills.Count; i++)
        {
            var repeated = false;
            for (var j = 0; j < i; j++)
            {
                repeated |= skills[j] == skills[i];
            }
            if (!repeated)
            {
                yield return KnowledgeState.KeyOf(skills[i]);
            }
        }
    }

    /// <summary>Folds one event into <paramref name="state"/>; returns whether it changed anything.</summary>
    public bool Observe(KnowledgeState state, LearningEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        var correct = Outcome(e, out var isOpportunity);
        if (!isOpportunity)
        {
            return false;
        }
        var at = e.Timestamp.UtcTicks;
        foreach (var key in KeysOf(e.Item, e.Skills))
        {
            var p = Model.BktFor(key);
            SkillEvidence evidence;
            if (state.TryGet(key, out var seen))
            {
                // A late event (older than the latest opportunity) forgets nothing: time never runs backwards.
                var periods = Math.Max(0, at - seen.LastAtTicks) / _periodTicks;
                evidence = seen with
                {
                    Mastery = BayesianKnowledgeTracing.Update(seen.Mastery, correct, periods, p),
                    LastAtTicks = Math.Max(at, seen.LastAtTicks),
                    Opportunities = seen.Opportunities + 1,
                };
            }
            else
            {
                evidence = new SkillEvidence(BayesianKnowledgeTracing.Update(p.Prior, correct, 0, p), at, 1, 0, 0, 0, 0);
            }
            if (correct is { } answer)
            {
                evidence = LogisticPredictor.WithAnswer(evidence, answer);
            }
            state.Set(key, evidence);
        }
        if (correct is { } c)
        {
            state.Learner = LogisticPredictor.WithAnswer(state.Learner, c);
        }
        return true;
    }

    /// <summary>BKT mastery of <paramref name="key"/> at <paramref name="now"/>: forgotten since the last opportunity; the prior if never seen.</summary>
    public double BktMastery(KnowledgeState state, string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var p = Model.BktFor(key);
        if (!state.TryGet(key, out var e))
        {
            return p.Prior;
        }
        return BayesianKnowledgeTracing.Forget(e.Mastery, Math.Max(0, now.UtcTicks - e.LastAtTicks) / _periodTicks, p);
    }

    /// <summary>The logistic predictor's P(correct) on <paramref name="key"/> now (an item of average easiness).</summary>
    public double LogisticMastery(KnowledgeState state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.TryGet(key, out var e);
        return LogisticPredictor.Predict(Model.Logistic, null, key, e, state.Learner);
    }

    /// <summary>The estimate the plugin plans with (<see cref="KnowledgeTracingOptions.Predictor"/>).</summary>
    public double Mastery(KnowledgeState state, string key, DateTimeOffset now) =>
        Options.PredictorKind == PredictorKind.Bkt ? BktMastery(state, key, now) : LogisticMastery(state, key);

    /// <summary>Whether the learner has had any opportunity on <paramref name="key"/>.</summary>
    public static bool HasSeen(KnowledgeState state, string key) => state.TryGet(key, out var e) && e.Opportunities > 0;

    /// <summary>
    /// Whether the learner is wheel-spinning on <paramref name="key"/>: at least
    /// <see cref="KnowledgeTracingOptions.WheelSpinAnswers"/> answers and the estimate still below
    /// <see cref="KnowledgeTracingOptions.ReadyAt"/>.
    /// </summary>
    public bool IsWheelSpinning(KnowledgeState state, string key, double estimate) =>
        Options.WheelSpinAnswers > 0 && state.TryGet(key, out var e) && e.Answers >= Options.WheelSpinAnswers && estimate < Options.ReadyAt;

    /// <summary>BKT's learning rate for <paramref name="key"/>: the expected mastery gain of one opportunity is (1 − p)·T.</summary>
    public double LearnRate(string key) => Model.BktFor(key).Learn;

    private static HashSet<string> Kinds(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
