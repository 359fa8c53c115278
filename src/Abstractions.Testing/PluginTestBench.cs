using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Attune.Learners;

namespace Attune.Plugins.Testing;

/// <summary>
/// Everything a silo gives a plugin, without the silo: a context with a clock the test controls, a logger that
/// captures entries, settings from a dictionary and a seed; learners whose events are replayed through
/// <see cref="LearnerHistory.Apply"/> and every strategy's <see cref="ILearningStrategy.Observe"/>; and training from
/// the events replayed so far. Every result is checked against the host's rules (<see cref="HostRules"/>, through <see cref="HostChecks"/>).
/// </summary>
/// <example>
/// <code>
/// var bench = new PluginTestBench();
/// bench.Settings["HorizonDays"] = "7";
/// var strategy = bench.Create&lt;DueDatesFirstStrategy&gt;();
/// var course = new TestCourse("bio101", classmates: 20).Item("essay", minutes: 30, dueAt: bench.Now.AddDays(2));
/// var alice = bench.Learner("alice").Viewed(course["essay"]);
/// var plan = alice.Plan(strategy, course.Ranked("essay"), budgetMinutes: 45);
/// </code>
/// </example>
public sealed class PluginTestBench
{
    /// <summary>The seed a silo uses when <c>Attune:Plugins:Seed</c> is not configured.</summary>
    public const int DefaultSeed = 20261129;

    /// <summary>Where <see cref="Clock"/> starts unless told otherwise: Wednesday 2 December 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<LearningEvent> _journal = [];
    private readonly Dictionary<LearnerId, LearnerReplay> _learners = new();
    private readonly List<ILearningStrategy> _strategies = [];
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ILearningStrategy, IStrategyModel?> _models = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(ItemId, CourseId), CatalogEntry> _catalog = new();
    private long _nextEventId;

    /// <summary>Creates a bench whose clock starts at <paramref name="start"/> (<see cref="DefaultStart"/> by default).</summary>
    public PluginTestBench(DateTimeOffset? start = null, int seed = DefaultSeed)
    {
        Clock = new ManualClock(start ?? DefaultStart);
        Seed = seed;
    }

    /// <summary>The clock every plugin and every event of this bench uses.</summary>
    public ManualClock Clock { get; }

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset Now => Clock.Now;

    /// <summary>Where plugins created by this bench log.</summary>
    public CapturingPluginLogger Logger { get; } = new();

    /// <summary>The seed of <see cref="PluginContext.CreateRandom"/> and of training requests.</summary>
    public int Seed { get; }

    /// <summary>
    /// The settings plugins created from now on receive, as the host reads them from
    /// <c>Attune:Plugins:Settings:&lt;name&gt;:&lt;key&gt;</c> (nested keys joined with ':'). Keys ignore case.
    /// </summary>
    public IDictionary<string, string?> Settings => _settings;

    /// <summary>
    /// When set, each Observe, FoldIn, Score and Plan call must finish within it, as in a silo
    /// (<c>Attune:Plugins:CallBudget</c>, 50 ms by default). Off by default: wall-clock limits make tests depend on
    /// the machine, and the first call of a test also pays for JIT compilation.
    /// </summary>
    public TimeSpan? CallBudget { get; set; }

    /// <summary>Every event replayed through this bench's learners, in the order applied: the journal training reads.</summary>
    public IReadOnlyList<LearningEvent> Journal
    {
        get
        {
            lock (_gate)
            {
                return _journal.ToList();
            }
        }
    }

    /// <summary>A context as the host would create it for the plugin named <paramref name="pluginName"/>, with the current <see cref="Settings"/>.</summary>
    public PluginContext CreateContext(string pluginName) =>
        new(pluginName, Logger, Clock, new PluginSettings(new Dictionary<string, string?>(_settings)), Seed);

    /// <summary>
    /// Creates the plugin as the host does: checks that the host would load it (<see cref="HostChecks.EnsureLoadable"/>),
    /// then calls its constructor taking a <see cref="PluginContext"/> named after its
    /// <see cref="AttunePluginAttribute"/>, or its parameterless one. A strategy created here observes every event
    /// replayed through this bench's learners from now on (and catches up on earlier ones when first used).
    /// </summary>
    /// <exception cref="PluginContractException">The host would not load the plugin.</exception>
    public T Create<T>() where T : class
    {
        HostChecks.EnsureLoadable(typeof(T));
        var name = typeof(T).GetCustomAttribute<AttunePluginAttribute>()!.Name;
        object plugin;
        try
        {
            plugin = typeof(T).GetConstructor([typeof(PluginContext)]) is { } withContext
                ? withContext.Invoke([CreateContext(name)])
                : Activator.CreateInstance(typeof(T))!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new PluginContractException(
                $"The constructor of {typeof(T).FullName} threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}; the host would not load the plugin.",
                ex.InnerException);
        }
        if (plugin is ILearningStrategy strategy)
        {
            lock (_gate)
            {
                _strategies.Add(strategy);
            }
        }
        return (T)plugin;
    }

    /// <summary>The learner with this id: the same replay every time it is asked for.</summary>
    public LearnerReplay Learner(string id)
    {
        var learner = new LearnerId(id);
        lock (_gate)
        {
            if (!_learners.TryGetValue(learner, out var replay))
            {
                _learners[learner] = replay = new LearnerReplay(this, learner);
            }
            return replay;
        }
    }

    /// <summary>
    /// Trains <paramref name="recommender"/> on <see cref="Journal"/> (or on <paramref name="interactions"/>), checks
    /// its progress reports and artifact, stores the artifact as the host would (a copy of its bytes) and loads it
    /// back with <see cref="ITrainableRecommender.LoadModel"/>.
    /// </summary>
    /// <exception cref="PluginContractException">Progress outside 0-100, or an artifact the host could not keep.</exception>
    public async Task<TrainedModel> TrainAsync(
        ITrainableRecommender recommender,
        string tenant = "test",
        ModelArtifact? previous = null,
        IInteractionSource? interactions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var name = recommender.GetType().GetCustomAttribute<AttunePluginAttribute>()?.Name;
        var progress = new ProgressRecorder();
        var artifact = await recommender.TrainAsync(
            new TrainingRequest(new TenantId(tenant), previous, Seed), interactions ?? new RecordedInteractions(Journal), progress, cancellationToken);
        var reports = progress.Reports;
        if (reports.Select(HostRules.ProgressProblem).FirstOrDefault(p => p is not null) is { } badProgress)
        {
            throw new PluginContractException(badProgress);
        }
        if (artifact is null)
        {
            return new TrainedModel(null, null, reports);
        }
        if (HostRules.ArtifactProblem(artifact, name) is { } problem)
        {
            throw new PluginContractException(problem);
        }
        // The host keeps only bytes: the plugin must not rely on getting its own array or dictionary back.
        var stored = new ModelArtifact(artifact.Plugin, artifact.Format, artifact.Data.ToArray(),
            new Dictionary<string, double>(artifact.Metrics, StringComparer.Ordinal));
        var model = recommender.LoadModel(stored)
            ?? throw new PluginContractException("LoadModel returned null; it must return a model or throw for an artifact it cannot read.");
        return new TrainedModel(stored, model, reports);
    }

    /// <summary>
    /// Serves <paramref name="model"/> (from <see cref="ITrainableStrategy.LoadModel"/>; <c>null</c> for none) to
    /// <paramref name="strategy"/>, as the host serves a tenant's fitted version: every learner's state is rebuilt from
    /// empty under it on next use, and Observe, Plan and Describe receive it.
    /// </summary>
    public PluginTestBench Serve(ITrainableStrategy strategy, IStrategyModel? model)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        lock (_gate)
        {
            _models[strategy] = model;
        }
        return this;
    }

    /// <summary>
    /// Makes <paramref name="course"/>'s catalog known, as the host knows a course's catalog: a strategy observing an
    /// event on one of its items gets the item's entry in <see cref="ObservationContext.Item"/>. Items recorded through
    /// their <see cref="Candidate"/> are known without this.
    /// </summary>
    public PluginTestBench UseCatalog(TestCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        foreach (var candidate in course.Candidates)
        {
            Remember(TestCourse.EntryFor(candidate));
        }
        return this;
    }

    internal IStrategyModel? ModelOf(ILearningStrategy strategy)
    {
        lock (_gate)
        {
            return _models.GetValueOrDefault(strategy);
        }
    }

    internal void Remember(CatalogEntry entry)
    {
        lock (_gate)
        {
            _catalog[(entry.Item, entry.Course)] = entry;
        }
    }

    internal CatalogEntry? EntryOf(ItemId item, CourseId course)
    {
        lock (_gate)
        {
            return _catalog.GetValueOrDefault((item, course));
        }
    }

    internal IReadOnlyList<ILearningStrategy> Strategies
    {
        get
        {
            lock (_gate)
            {
                return _strategies.ToList();
            }
        }
    }

    internal string NextEventId() => "e" + Interlocked.Increment(ref _nextEventId).ToString(CultureInfo.InvariantCulture);

    internal void Record(LearningEvent e)
    {
        lock (_gate)
        {
            _journal.Add(e);
        }
    }

    /// <summary>Runs one plugin call, holding it to <see cref="CallBudget"/> when set.</summary>
    internal T Call<T>(string operation, Func<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = call();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (CallBudget is { } budget && elapsed > budget)
        {
            throw new PluginContractException(string.Create(CultureInfo.InvariantCulture,
                $"{operation} took {elapsed.TotalMilliseconds:0.#} ms, over the budget of {budget.TotalMilliseconds:0.#} ms; a silo would abandon the call, serve the baseline and quarantine the plugin."));
        }
        return result;
    }

    /// <summary>Records progress synchronously: <see cref="Progress{T}"/> would post to a synchronization context and lose ordering.</summary>
    private sealed class ProgressRecorder : IProgress<TrainingProgress>
    {
        private readonly List<TrainingProgress> _reports = [];

        public IReadOnlyList<TrainingProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return _reports.ToList();
                }
            }
        }

        public void Report(TrainingProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
