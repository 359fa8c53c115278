using System.Diagnostics;
using Attune.Outcomes.Bench.Silo;
using Attune.Outcomes.Bench.Simulation;

namespace Attune.Outcomes.Bench;

/// <summary>
/// One run: every family's course in every configuration's tenant, an earlier cohort journaled first, then the term
/// day by day on the silo's manual clock, with the nightly fits, and mastery three days after the last day.
/// </summary>
/// <remarks>
/// All configurations and families run in lockstep on the same simulated days, so one clock serves them all. Each
/// configuration has its own copies of the same learners (same traits, same answer and minute streams).
/// </remarks>
public sealed class OutcomeExperiment(OutcomeOptions options, TextWriter log)
{
    /// <summary>Day 0 of the term, 08:00 UTC its first session. Sessions run 08:00–09:xx UTC, nights at 23:00.</summary>
    public static readonly DateTimeOffset Epoch = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The earlier cohort's term ends this many days before day 0.</summary>
    private const int GapBetweenTerms = 7;

    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Where the manual clock starts: before the earlier cohort's first day.</summary>
    public static DateTimeOffset ClockStart(OutcomeOptions options) => Epoch.AddDays(-(options.Days + GapBetweenTerms + 2));

    public TimeSpan PriorTime { get; private set; }

    public TimeSpan DaysTime { get; private set; }

    public int PriorEvents { get; private set; }

    public NightlyJobs? Jobs { get; private set; }

    public async Task<IReadOnlyList<FamilyOutcome>> RunAsync(Uri silo)
    {
        var courses = options.Families.Select(f => SyntheticCourse.Build(f, options.Seed)).ToList();
        var siloConfigurations = options.Configurations.Where(c => c.Kind == ConfigurationKind.Silo).ToList();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Parallel * 2 };
        using var http = new HttpClient(handler) { BaseAddress = silo, Timeout = TimeSpan.FromMinutes(2) };
        var admin = new AdminClient(http, OutcomeOptions.AdminUser, OutcomeOptions.AdminPassword);
        var tenants = siloConfigurations.ToDictionary(c => c.Key, c => new TenantClient(http, c.Tenant, c.ApiKey));

        var loaded = await admin.LoadedPluginsAsync();
        foreach (var c in siloConfigurations)
        {
            var missing = new[] { c.Recommender }.Concat(c.Strategies ?? []).OfType<string>().Where(p => p != "baseline" && !loaded.Contains(p)).ToList();
            if (missing.Count > 0)
            {
                log.WriteLine($"warning: {c.Key} names plugins the silo has not loaded: {string.Join(", ", missing)} (loaded: {string.Join(", ", loaded.Order())})");
            }
        }
        // The silo starts at ClockStart (Attune:Clock:Start); the clock moves forward from there.
        foreach (var tenant in tenants.Values)
        {
            foreach (var course in courses)
            {
                await tenant.PutCatalogAsync(course);
            }
        }

        // Every configuration gets its own copy of the same learners.
        var runs = options.Configurations.ToDictionary(c => c.Key, _ => courses.Select(course => Enumerable.Range(0, options.Learners)
            .Select(i => new LearnerRun(NewLearner(course, i, $"{course.Id}-{i:00}", start: 0))).ToList()).ToList());
        await System.Threading.Tasks.Parallel.ForEachAsync(
            siloConfigurations.SelectMany(c => runs[c.Key].SelectMany(f => f).Select(r => (Tenant: tenants[c.Key], r.Learner.Id))),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel },
            async (x, _) => await x.Tenant.PutProfileAsync(x.Id, options.MinutesPerDay));

        await JournalEarlierCohortAsync(courses, tenants.Values.ToList(), admin);
        Jobs = new NightlyJobs(admin, siloConfigurations);
        await Jobs.PrepareAsync();
        await admin.MoveClockAsync(Epoch.AddHours(-1));
        await Jobs.RunAsync();

        var days = Stopwatch.StartNew();
        for (var day = 0; day < options.Days; day++)
        {
            await admin.MoveClockAsync(Epoch.AddDays(day).AddHours(StudySession.StartHour));
            var work = options.Configurations.SelectMany(c => runs[c.Key].SelectMany(f => f).Select(r => (Configuration: c, Run: r)));
            var today = day;
            await System.Threading.Tasks.Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (x, _) =>
            {
                var planner = Planner(x.Configuration, tenants);
                var trace = options.Trace is { } t && t.Configuration == x.Configuration.Key && t.Learner == x.Run.Learner.Id ? log : null;
                x.Run.Days.Add(await StudySession.RunAsync(x.Run.Learner, planner, today, options.MinutesPerDay, Epoch, x.Run.NextEventNumber, trace));
            });
            await admin.MoveClockAsync(Epoch.AddDays(day).AddHours(23));
            await Jobs.RunAsync();
            log.WriteLine($"  day {day + 1}/{options.Days} done ({_watch.Elapsed.TotalSeconds:0} s; nightly jobs {Jobs.Elapsed.TotalSeconds:0} s so far)");
        }
        DaysTime = days.Elapsed;

        var measuredAt = options.Days - 1 + StudySession.StartHour / 24 + 3;
        foreach (var c in options.Configurations)
        {
            // Each learner's mastery, for reading a trace against the mean (same learners in every configuration).
            log.WriteLine($"  {c.Key}: " + string.Join(" ", runs[c.Key].SelectMany(f => f).Select(r => $"{r.Learner.Id} {r.Learner.Mastery(measuredAt):0.00}")));
        }
        return courses.Select((course, f) => new FamilyOutcome(course.Family, course,
            options.Configurations.Select(c => Outcome(c, runs[c.Key][f], measuredAt)).ToList(), [])).ToList();
    }

    private SimulatedLearner NewLearner(SyntheticCourse course, int number, string id, double start) =>
        new(id, course, course.Traits(options.Seed, number), SyntheticCourse.StableSeed(options.Seed, SyntheticCourse.StableHash(id)), start);

    private static IPlanner Planner(BenchConfiguration c, Dictionary<string, TenantClient> tenants) => c.Kind switch
    {
        ConfigurationKind.CourseOrder => CourseOrderPlanner.Instance,
        ConfigurationKind.AllSeeing => AllSeeingPlanner.Instance,
        _ => new SiloPlanner(tenants[c.Key]),
    };

    /// <summary>
    /// Last term's students, who followed the course's order, journaled in every tenant before day 0 (their term ends
    /// a week before), so the first night's fits have data to learn from; the term's own events join them each night.
    /// </summary>
    private async Task JournalEarlierCohortAsync(IReadOnlyList<SyntheticCourse> courses, IReadOnlyList<TenantClient> tenants, AdminClient admin)
    {
        if (options.PriorLearners == 0)
        {
            await admin.MoveClockAsync(Epoch.AddDays(-GapBetweenTerms));
            return;
        }
        var clock = Stopwatch.StartNew();
        var journal = new JournalingPlanner(CourseOrderPlanner.Instance);
        var first = -(options.Days + GapBetweenTerms);
        var learners = courses.SelectMany(course => Enumerable.Range(0, options.PriorLearners)
            .Select(i => new LearnerRun(NewLearner(course, 1000 + i, $"{course.Id}-p{i:00}", first)))).ToList();
        for (var day = first; day < first + options.Days; day++)
        {
            foreach (var run in learners)
            {
                run.Days.Add(await StudySession.RunAsync(run.Learner, journal, day, options.MinutesPerDay, Epoch, run.NextEventNumber));
            }
        }
        var events = journal.Events.OrderBy(e => e.Timestamp).ToList();
        await admin.MoveClockAsync(Epoch.AddDays(-GapBetweenTerms));
        PriorEvents = events.Count;
        await Task.WhenAll(tenants.Select(t => t.PostEventsAsync(events)));
        PriorTime = clock.Elapsed;
        log.WriteLine($"  earlier cohort: {learners.Count} learners, {events.Count:N0} events journaled in {tenants.Count} tenants ({PriorTime.TotalSeconds:0} s)");
    }

    private ConfigurationOutcome Outcome(BenchConfiguration c, IReadOnlyList<LearnerRun> runs, double measuredAt)
    {
        var mastery = runs.Select(r => r.Learner.Mastery(measuredAt)).ToList();
        var mean = mastery.Average();
        var sd = Math.Sqrt(mastery.Sum(m => (m - mean) * (m - mean)) / Math.Max(1, mastery.Count - 1));
        var days = runs.SelectMany(r => r.Days).ToList();
        var withWork = days.Where(d => d.UsefulWorkLeft).ToList();
        var start = runs.Average(r => r.Learner.Course.Skills.Select((_, s) => r.Learner.Traits.PriorKnowledge[s]).Average());
        return new ConfigurationOutcome(c, mean, sd, start, days.Average(d => d.MinutesUsed),
            withWork.Count == 0 ? 1 : withWork.Count(d => d.MinutesUsed >= 0.9 * options.MinutesPerDay) / (double)withWork.Count,
            withWork.Count,
            days.Sum(d => d.BudgetMinutes) is var budget && budget > 0 ? days.Sum(d => d.PlannedMinutes) / budget : 0,
            days.Average(d => d.Calls), days.Sum(d => d.Fallbacks), days.Sum(d => d.UnknownItems));
    }
}
