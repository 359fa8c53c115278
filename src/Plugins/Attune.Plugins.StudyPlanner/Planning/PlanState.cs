using Attune.Plugins.StudyPlanner.Learners;
using Attune.Plugins.StudyPlanner.Learning;

namespace Attune.Plugins.StudyPlanner.Planning;

/// <summary>
/// The plan's own picture of the learner while it is being built: P(L) per skill and how many sessions since an answer
/// checked it, as they would be after the steps chosen so far. A step's value is the learning it brings (Σ over its
/// skills of gate·(1 − P(L))·P(T)) plus, for a step that brings answers, what checking an unconfirmed belief is worth.
/// </summary>
internal sealed class PlanState
{
    private readonly CourseMap _map;
    private readonly LearningModel _model;
    private readonly StudyPlannerOptions _options;
    private readonly Dictionary<string, double> _mastery;
    private readonly Dictionary<string, int> _unchecked;
    private readonly Dictionary<string, double> _daysSince;
    private readonly HashSet<string> _studied;

    public PlanState(CourseMap map, LearningModel model, StudyPlannerOptions options, StudyState state, DateTimeOffset now)
    {
        (_map, _model, _options) = (map, model, options);
        _mastery = new Dictionary<string, double>(StringComparer.Ordinal);
        _unchecked = new Dictionary<string, int>(StringComparer.Ordinal);
        _daysSince = new Dictionary<string, double>(StringComparer.Ordinal);
        _studied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, belief) in state.Skills)
        {
            if (belief.Sessions > 0)
            {
                _daysSince[key] = Math.Max(0, (now.UtcTicks - belief.LastTicks) / (double)TimeSpan.TicksPerDay);
            }
        }
        foreach (var (item, sessions) in state.Items)
        {
            if (sessions.Sessions > 0)
            {
                _studied.Add(item);
            }
        }
        foreach (var c in map.Items)
        {
            foreach (var key in map.Keys[c])
            {
                if (_mastery.TryAdd(key, StudyTracer.KnownNow(state, key, model, now)))
                {
                    // Never answered: as unconfirmed as it gets.
                    _unchecked[key] = state.Skills.TryGetValue(key, out var b) && b.Answers > 0 ? b.Unchecked : 1;
                }
            }
        }
    }

    private PlanState(PlanState other)
    {
        (_map, _model, _options) = (other._map, other._model, other._options);
        _mastery = new Dictionary<string, double>(other._mastery, StringComparer.Ordinal);
        _unchecked = new Dictionary<string, int>(other._unchecked, StringComparer.Ordinal);
        _daysSince = new Dictionary<string, double>(other._daysSince, StringComparer.Ordinal);
        _studied = new HashSet<string>(other._studied, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, double> Mastery => _mastery;

    public PlanState Copy() => new(this);

    /// <summary>The expected learning of a session of <paramref name="c"/> now, and what its answers are worth.</summary>
    public (double Learn, double Check) Value(Candidate c)
    {
        var answers = _model.Answers(c);
        var learn = _model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
        if (!answers && _studied.Contains(c.Item.Value))
        {
            // Studying the same text again teaches less than retrieval practice does.
            learn *= _options.RereadShare;
        }
        double gain = 0, check = 0;
        var focus = Focus();
        foreach (var key in _map.Keys[c])
        {
            var m = _mastery[key];
            var gate = Gate(key);
            gain += gate * (1 - m) * learn * FocusOf(key, focus) * Spacing(key);
            if (answers && _unchecked[key] > 0)
            {
                check += _options.CheckValue * 4 * m * (1 - m) * Math.Max(gate, 0.3);
            }
        }
        return (gain, check);
    }

    /// <summary>
    /// Where the learner is in the course: the first skill, in the map's skill order (prerequisites first, then the course's
    /// order), not yet ready to build on. Skills further on count for <see cref="StudyPlannerOptions.FocusDecay"/> per step
    /// ahead: one course at a time, in the order its author meant, unless what a step teaches is clearly worth more.
    /// </summary>
    private int Focus()
    {
        var order = _map.SkillOrder;
        for (var i = 0; i < order.Count; i++)
        {
            if (_mastery.TryGetValue(order[i], out var m) && (m < _options.ReadyAt || _unchecked.GetValueOrDefault(order[i]) > 0 && m * _options.UncheckedTrust < _options.ReadyAt))
            {
                return i;
            }
        }
        return order.Count;
    }

    private double FocusOf(string key, int focus)
    {
        var at = _map.SkillRank.TryGetValue(key, out var rank) ? rank : focus;
        return at <= focus ? 1 : Math.Pow(_options.FocusDecay, at - focus);
    }

    /// <summary>
    /// The spacing effect: more study of a skill practised a moment ago adds little (massed practice), the same study after
    /// some days adds most. 1 − e^(−days since / <see cref="StudyPlannerOptions.SpacingDays"/>); 1 for a skill never studied.
    /// </summary>
    private double Spacing(string key) =>
        _options.SpacingDays > 0 && _daysSince.TryGetValue(key, out var days) ? 1 - Math.Exp(-days / _options.SpacingDays) : 1;

    /// <summary>The mastery of <paramref name="key"/> a step building on it can count on: a belief no answer has confirmed counts <see cref="StudyPlannerOptions.UncheckedTrust"/> of itself.</summary>
    public double Trusted(string key)
    {
        var m = _mastery.TryGetValue(key, out var known) ? known : 0;
        return _unchecked.TryGetValue(key, out var sinceAnswer) && sinceAnswer > 0 ? m * _options.UncheckedTrust : m;
    }

    /// <summary>The picture after a session of <paramref name="c"/>.</summary>
    public void Apply(Candidate c)
    {
        var learn = _model.LearnFor(c.Item.Value, c.Kind, c.Minutes);
        var answers = _model.Answers(c);
        var updates = new List<(string Key, double Value)>();
        foreach (var key in _map.Keys[c])
        {
            var m = _mastery[key];
            updates.Add((key, m + Gate(key) * (1 - m) * learn));
        }
        _studied.Add(c.Item.Value);
        foreach (var (key, value) in updates)
        {
            _daysSince[key] = 0;
            _mastery[key] = value;
            _unchecked[key] = answers ? 0 : _unchecked[key] + 1;
        }
    }

    /// <summary>What a session on <paramref name="key"/> can teach given its prerequisites: 1 when all are known, down to <see cref="StudyPlannerOptions.UnreadyShare"/>.</summary>
    public double Gate(string key)
    {
        var gate = 1.0;
        foreach (var (pre, weight, _) in _map.RequiresOf(key))
        {
            // A belief no answer has confirmed is a weaker foundation: check before building on it.
            gate *= 1 - weight * (1 - Readiness(Trusted(pre)));
        }
        return gate;
    }

    private double Readiness(double m)
    {
        var ready = Math.Clamp((m - _options.UnreadyBelow) / (_options.ReadyAt - _options.UnreadyBelow), 0, 1);
        return _options.UnreadyShare + (1 - _options.UnreadyShare) * ready;
    }
}
