using Attune.Learners;

namespace Attune.Plugins.Testing;

/// <summary>
/// One learner on a <see cref="PluginTestBench"/>: the events replayed so far, the <see cref="LearnerHistory"/> they
/// built, and each strategy's <see cref="PluginState"/> for the learner, kept as the host keeps it.
/// </summary>
/// <remarks>
/// Like the host, the replay applies each event to the history first, then lets strategies observe it. Between any
/// two calls a strategy's state exists only as a copy of its version and bytes, which is all the host stores: a
/// plugin that keeps per-learner data anywhere else, or cannot read what it wrote, fails here as it would in a silo.
/// Strategies created with <see cref="PluginTestBench.Create{T}"/>, and any strategy once used with this learner,
/// observe each event as it is applied; a strategy used for the first time catches up on all earlier events at once,
/// against the history as it is then, as the host does when it replays the journal.
/// </remarks>
public sealed class LearnerReplay
{
    private readonly PluginTestBench _bench;
    private readonly List<LearningEvent> _events = [];
    private readonly Dictionary<ILearningStrategy, StrategyState> _states = new(ReferenceEqualityComparer.Instance);

    internal LearnerReplay(PluginTestBench bench, LearnerId learner)
    {
        _bench = bench;
        Learner = learner;
        History = new LearnerHistory(learner);
    }

    /// <summary>Whose replay this is.</summary>
    public LearnerId Learner { get; }

    /// <summary>The history built from every event applied so far.</summary>
    public LearnerHistory History { get; }

    /// <summary>What the learner told Attune about themselves, passed to Score and Plan; empty by default, as the host passes today.</summary>
    public LearnerProfile Profile { get; set; } = LearnerProfile.Empty;

    /// <summary>The events applied so far, in order.</summary>
    public IReadOnlyList<LearningEvent> Events => _events;

    /// <summary>Applies one event to the history, then lets every strategy of the bench, and every strategy used with this learner, observe it.</summary>
    /// <exception cref="ArgumentException">The event belongs to another learner.</exception>
    public LearnerReplay Apply(LearningEvent learningEvent)
    {
        ArgumentNullException.ThrowIfNull(learningEvent);
        History.Apply(learningEvent);
        _events.Add(learningEvent);
        _bench.Record(learningEvent);
        foreach (var strategy in _bench.Strategies.Concat(_states.Keys).Distinct<ILearningStrategy>(ReferenceEqualityComparer.Instance).ToList())
        {
            CatchUp(strategy);
        }
        return this;
    }

    /// <summary>Applies events in order.</summary>
    public LearnerReplay Apply(IEnumerable<LearningEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Apply(e);
        }
        return this;
    }

    /// <summary>Records that the learner did <paramref name="kind"/> on <paramref name="item"/> (with its course) and applies it.</summary>
    /// <param name="kind">What they did.</param>
    /// <param name="item">The item, with its course.</param>
    /// <param name="at">When; the bench's current time by default.</param>
    /// <param name="score">How well, 0 to 1.</param>
    /// <param name="minutesOnTask">Time on task in minutes.</param>
    /// <remarks>The event carries the item's skills, as the host gives strategies an LMS event's skills from the catalog.</remarks>
    public LearnerReplay Record(EventKind kind, Candidate item, DateTimeOffset? at = null, double? score = null, double? minutesOnTask = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        _bench.Remember(TestCourse.EntryFor(item));
        return Apply(new LearningEvent(_bench.NextEventId(), Learner, item.Item, kind, at ?? _bench.Now, item.Course, score,
            minutesOnTask is { } minutes ? minutes * 60 : null, item.Skills));
    }

    /// <summary>Records that the learner did <paramref name="kind"/> on an item that need not be a candidate, and applies it.</summary>
    public LearnerReplay Record(EventKind kind, ItemId item, CourseId? course, DateTimeOffset? at = null, double? score = null, double? minutesOnTask = null) =>
        Apply(new LearningEvent(_bench.NextEventId(), Learner, item, kind, at ?? _bench.Now, course, score,
            minutesOnTask is { } minutes ? minutes * 60 : null));

    /// <summary>Records a <see cref="EventKind.Viewed"/> event.</summary>
    public LearnerReplay Viewed(Candidate item, DateTimeOffset? at = null, double? minutesOnTask = null) =>
        Record(EventKind.Viewed, item, at, null, minutesOnTask);

    /// <summary>Records a <see cref="EventKind.Started"/> event.</summary>
    public LearnerReplay Started(Candidate item, DateTimeOffset? at = null, double? minutesOnTask = null) =>
        Record(EventKind.Started, item, at, null, minutesOnTask);

    /// <summary>Records an <see cref="EventKind.Answered"/> event with its score.</summary>
    public LearnerReplay Answered(Candidate item, double score, DateTimeOffset? at = null, double? minutesOnTask = null) =>
        Record(EventKind.Answered, item, at, score, minutesOnTask);

    /// <summary>Records a <see cref="EventKind.Submitted"/> event (which finishes the item).</summary>
    public LearnerReplay Submitted(Candidate item, DateTimeOffset? at = null, double? minutesOnTask = null) =>
        Record(EventKind.Submitted, item, at, null, minutesOnTask);

    /// <summary>Records a <see cref="EventKind.Graded"/> event with its grade (which finishes the item).</summary>
    public LearnerReplay Graded(Candidate item, double score, DateTimeOffset? at = null) =>
        Record(EventKind.Graded, item, at, score);

    /// <summary>Records a <see cref="EventKind.Completed"/> event (which finishes the item).</summary>
    public LearnerReplay Completed(Candidate item, DateTimeOffset? at = null, double? minutesOnTask = null, double? score = null) =>
        Record(EventKind.Completed, item, at, score, minutesOnTask);

    /// <summary>Records a <see cref="EventKind.Reviewed"/> event.</summary>
    public LearnerReplay Reviewed(Candidate item, DateTimeOffset? at = null, double? minutesOnTask = null) =>
        Record(EventKind.Reviewed, item, at, null, minutesOnTask);

    /// <summary>The strategy's state for this learner after every event applied so far (a copy of the stored bytes).</summary>
    public PluginState StateOf(ILearningStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return Stored(CatchUp(strategy));
    }

    /// <summary>
    /// Puts <paramref name="state"/> in the host's store for this strategy, as if it had been written earlier (say by
    /// an older version of the plugin, to test an upgrade); the strategy is taken to have observed every event so far.
    /// </summary>
    public LearnerReplay Store(ILearningStrategy strategy, PluginState state)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var s = StateFor(strategy);
        s.Version = state.Version;
        s.Data = state.Data.ToArray();
        s.Observed = _events.Count;
        s.ObservedAsApplied = false;
        s.Model = _bench.ModelOf(strategy);
        return this;
    }

    /// <summary>
    /// Replays this learner's events twice from <see cref="PluginState.Empty"/> through <paramref name="strategy"/>, one
    /// event at a time against a history rebuilt alongside, and checks that both replays end in the same version and
    /// bytes, and match the stored state when it was built the same way (from empty, each event observed as it was
    /// applied). The journal may be replayed at any time (a grain reactivating, a new silo), so state that depends on
    /// anything but the events is a bug.
    /// </summary>
    /// <exception cref="PluginContractException">The replays disagree.</exception>
    public void EnsureReplayIsDeterministic(ILearningStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var first = ReplayFromEmpty(strategy);
        var second = ReplayFromEmpty(strategy);
        if (!SameState(first, second))
        {
            throw new PluginContractException(
                $"Replaying {Learner}'s {_events.Count} events twice gave different states ({Describe(first)} then {Describe(second)}); "
                + "Observe must depend only on the state, the event and the history it is given.");
        }
        var live = CatchUp(strategy);
        if (live.ObservedAsApplied && !SameState(first, Stored(live)))
        {
            throw new PluginContractException(
                $"Replaying {Learner}'s {_events.Count} events from empty gave {Describe(first)}, but observing them as they came gave {Describe(Stored(live))}; "
                + "Observe must depend only on the state, the event and the history it is given.");
        }
    }

    /// <summary>Recomputes the learner's embedding, as the host does after each batch of events, and checks it is finite.</summary>
    /// <exception cref="PluginContractException">The embedding has non-finite values, or the call overran <see cref="PluginTestBench.CallBudget"/>.</exception>
    public float[]? FoldIn(IEmbedsLearner recommender, IRecommenderModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var embedding = _bench.Call("FoldIn", () => recommender.FoldIn(model, History));
        HostChecks.EnsureEmbedding(embedding);
        return embedding;
    }

    /// <summary>
    /// Scores <paramref name="candidates"/> for this learner as the host does for a request: folds the learner in (when
    /// the recommender is an <see cref="IEmbedsLearner"/>),
    /// calls <see cref="IRecommender.Score"/> with the bench's time, checks the result, and returns it best first
    /// (ties by item id), the order strategies receive.
    /// </summary>
    /// <exception cref="PluginContractException">A score breaks a host rule, or the call overran <see cref="PluginTestBench.CallBudget"/>.</exception>
    public IReadOnlyList<ScoredCandidate> Score(IRecommender recommender, IReadOnlyList<Candidate> candidates, IRecommenderModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(candidates);
        var embedding = recommender is IEmbedsLearner embeds ? FoldIn(embeds, model) : null;
        var context = new ScoringContext(History, Profile, embedding, model, candidates, _bench.Now);
        var scored = _bench.Call("Score", () => recommender.Score(context));
        HostChecks.EnsureScores(scored, candidates);
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate.Item.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Plans for this learner as the host does for a request: the strategy's stored state, <paramref name="candidates"/>
    /// best first, the budget, the limit, the course's catalog, the model the bench serves the strategy
    /// (<see cref="PluginTestBench.Serve"/>) and the bench's time; checks the plan against the host's rules.
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="candidates">Scored candidates, best first (from <see cref="Score"/>, <see cref="TestCourse.Ranked"/> or a previous plan).</param>
    /// <param name="budgetMinutes">Minutes the learner has; <c>null</c> for no limit.</param>
    /// <param name="limit">The most steps (the API's default is 10).</param>
    /// <param name="catalog">
    /// <see cref="PlanningContext.Catalog"/>: every item of the course, finished ones included, in the course's order
    /// (<see cref="TestCourse.Catalog"/>); empty when not given, as for a course the host has no catalog of.
    /// </param>
    /// <param name="model">
    /// The serving model of a trainable strategy, as the host passes it in <see cref="PlanningContext.Model"/>; by default
    /// the one the bench serves it (<see cref="PluginTestBench.Serve"/>).
    /// </param>
    /// <exception cref="PluginContractException">The plan breaks a host rule, or the call overran <see cref="PluginTestBench.CallBudget"/>.</exception>
    public LearningPlan Plan(ILearningStrategy strategy, IReadOnlyList<ScoredCandidate> candidates, double? budgetMinutes = null, int limit = 10,
        IReadOnlyList<Candidate>? catalog = null, IStrategyModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var context = new PlanningContext(History, Profile, StateOf(strategy), candidates, budgetMinutes, limit, _bench.Now)
        {
            Catalog = catalog ?? [],
            Model = model ?? _bench.ModelOf(strategy),
        };
        var plan = _bench.Call("Plan", () => strategy.Plan(context));
        HostChecks.EnsurePlan(plan, context);
        return plan;
    }

    /// <summary>
    /// Describes this learner as the host does for the learner model: the plugin's stored state (when it is a strategy),
    /// the bench's time and <paramref name="model"/>; checks the description against the host's rules.
    /// </summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="model">A fitted model of a trainable strategy (from its <see cref="ITrainableStrategy.LoadModel"/>); by default the one the bench serves it (<see cref="PluginTestBench.Serve"/>).</param>
    /// <exception cref="PluginContractException">The description breaks a host rule, or the call overran <see cref="PluginTestBench.CallBudget"/>.</exception>
    public LearnerDescription Describe(IDescribesLearner plugin, IStrategyModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var state = plugin is ILearningStrategy strategy ? StateOf(strategy) : PluginState.Empty;
        var context = new DescriptionContext(History, state, _bench.Now)
        {
            Model = model ?? (plugin is ILearningStrategy served ? _bench.ModelOf(served) : null),
        };
        var description = _bench.Call("Describe", () => plugin.Describe(context));
        HostChecks.EnsureDescription(description);
        return description;
    }

    /// <summary>Observes every event the strategy has not seen yet, round-tripping the state through bytes each time.</summary>
    private StrategyState CatchUp(ILearningStrategy strategy)
    {
        var s = StateFor(strategy);
        var model = _bench.ModelOf(strategy);
        if (!ReferenceEquals(s.Model, model))
        {
            // As the host does when another model version serves: the state is rebuilt from empty under the new model.
            (s.Version, s.Data, s.Observed, s.ObservedAsApplied, s.Model) = (0, [], 0, true, model);
        }
        for (; s.Observed < _events.Count; s.Observed++)
        {
            // The history already holds later events too: the state is no longer what a one-by-one replay gives.
            s.ObservedAsApplied &= s.Observed == _events.Count - 1;
            var next = _bench.Call("Observe", () => Observe(strategy, Stored(s), _events[s.Observed], History, model));
            s.Version = next.Version;
            s.Data = next.Data.ToArray();
        }
        return s;
    }

    private StrategyState StateFor(ILearningStrategy strategy)
    {
        if (!_states.TryGetValue(strategy, out var s))
        {
            _states[strategy] = s = new StrategyState();
        }
        return s;
    }

    private PluginState ReplayFromEmpty(ILearningStrategy strategy)
    {
        var history = new LearnerHistory(Learner);
        var state = PluginState.Empty;
        var model = _bench.ModelOf(strategy);
        foreach (var e in _events)
        {
            history.Apply(e);
            var next = Observe(strategy, new PluginState(state.Version, state.Data.ToArray()), e, history, model);
            state = new PluginState(next.Version, next.Data.ToArray());
        }
        return state;
    }

    /// <summary>As the host calls it: with the served model (<c>null</c> before a fit) and the catalog entry of the event's item.</summary>
    private PluginState Observe(ILearningStrategy strategy, PluginState state, LearningEvent e, LearnerHistory history, IStrategyModel? model) =>
        strategy.Observe(new ObservationContext(e, history, state, _bench.Now)
        {
            Model = model,
            Item = e.Course is { } course ? _bench.EntryOf(e.Item, course) : null,
        });

    // A fresh array each time: the plugin gets the bytes, never the buffer it wrote them to.
    private static PluginState Stored(StrategyState s) => new(s.Version, s.Data.ToArray());

    private static bool SameState(PluginState a, PluginState b) => a.Version == b.Version && a.Data.Span.SequenceEqual(b.Data.Span);

    private static string Describe(PluginState s) =>
        $"version {s.Version} with {s.Data.Length} bytes {Convert.ToHexString(s.Data.Span[..Math.Min(16, s.Data.Length)])}{(s.Data.Length > 16 ? "…" : "")}";

    private sealed class StrategyState
    {
        public int Version { get; set; }
        public byte[] Data { get; set; } = [];
        public int Observed { get; set; }
        /// <summary>Whether the state was built from empty, each event observed against the history as of that event.</summary>
        public bool ObservedAsApplied { get; set; } = true;
        /// <summary>The model the state was observed under.</summary>
        public IStrategyModel? Model { get; set; }
    }
}
