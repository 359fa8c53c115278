using System.Diagnostics;
using Attune.Plugins;
using Attune.Plugins.AttentionPlanner;
using Attune.Plugins.KnowledgeTracing;
using Attune.Plugins.KnowledgeTracing.Model;
using Attune.Plugins.SpacedRepetition;
using Attune.Plugins.Testing;

namespace Attune.Strategies.Bench.Simulation;

/// <summary>
/// The learning-efficiency experiment: a calibration cohort follows the course order and its journal is fitted by the
/// knowledge-tracing trainer (as the host's job would); then the evaluation cohort runs under every policy with the
/// same seeds, the plugins created as the host creates them and driven through Observe/Plan.
/// </summary>
internal static class EfficiencyExperiment
{
    public static (IReadOnlyList<PolicyResult> Results, SyntheticCourse Course, KnowledgeTracingTraining Calibration, TimeSpan CalibrationTime) Run(BenchOptions options, HiddenWorld world, TextWriter log)
    {
        var course = new SyntheticCourse(new DateTimeOffset(2026, 9, 7, 8, 0, 0, TimeSpan.Zero), options.Seed);
        log.WriteLine($"Synthetic course: {course}; {options.Learners} learners, {options.Days} days; {world.Name} world");

        // The host's fitting job, on a cohort taught the usual way (a different seed from the evaluated cohort).
        var watch = Stopwatch.StartNew();
        var journal = new List<LearningEvent>();
        new CohortSimulation(course, world, options.CalibrationLearners, options.Days, options.Seed + 1).Run(new CourseOrderPolicy(course), journal);
        var calibration = KnowledgeTracingTrainer.Fit(journal);
        var calibrationTime = watch.Elapsed;
        log.WriteLine($"Calibration: {journal.Count} events of {calibration.Learners} learners fitted in {calibrationTime.TotalSeconds:0.0} s "
            + $"(pooled BKT: {calibration.PooledBkt?.Parameters})");

        var fitted = calibration.Model.ToSettings().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();
        var prerequisites = course.PrerequisiteSettings().ToList();
        var logger = new CapturingPluginLogger();
        T Create<T>(string name, IEnumerable<KeyValuePair<string, string?>> settings) where T : class, ILearningStrategy
        {
            HostChecks.EnsureLoadable(typeof(T));
            return (T)Activator.CreateInstance(typeof(T), new PluginContext(name, logger, TimeProvider.System,
                new PluginSettings(settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)), PluginTestBench.DefaultSeed))!;
        }
        var tracing = Create<KnowledgeTracingStrategy>("knowledge-tracing", fitted.Concat(prerequisites));
        var tracingLogistic = Create<KnowledgeTracingStrategy>("knowledge-tracing", fitted.Concat(prerequisites).Append(new("Predictor", "logistic")));
        var tracingNoGraph = Create<KnowledgeTracingStrategy>("knowledge-tracing", fitted);
        var repetition = Create<SpacedRepetitionStrategy>("spaced-repetition", []);
        var attention = Create<AttentionPlannerStrategy>("attention-planner",
            fitted.Concat(prerequisites).Select(p => new KeyValuePair<string, string?>("KnowledgeTracing:" + p.Key, p.Value)));
        var attentionNoGraph = Create<AttentionPlannerStrategy>("attention-planner",
            fitted.Select(p => new KeyValuePair<string, string?>("KnowledgeTracing:" + p.Key, p.Value)));

        ILearnerPolicy[] policies =
        [
            new CourseOrderPolicy(course),
            new PopularityPolicy(course),
            new StrategyStackPolicy("knowledge-tracing", course, [tracing]),
            new StrategyStackPolicy("knowledge-tracing, Predictor=logistic", course, [tracingLogistic]),
            new StrategyStackPolicy("knowledge-tracing, no prerequisite map", course, [tracingNoGraph]),
            new StrategyStackPolicy("spaced-repetition", course, [repetition]),
            new StrategyStackPolicy("knowledge-tracing → spaced-repetition", course, [tracing, repetition]),
            new StrategyStackPolicy("attention-planner", course, [attention]),
            new StrategyStackPolicy("attention-planner, no prerequisite map", course, [attentionNoGraph]),
        ];
        var simulation = new CohortSimulation(course, world, options.Learners, options.Days, options.Seed);
        var results = new List<PolicyResult>();
        foreach (var policy in policies)
        {
            var traced = options.TracePolicy is { } p && policy.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase);
            var result = (traced ? new CohortSimulation(course, world, options.Learners, options.Days, options.Seed) { Trace = log, TraceLearner = options.TraceLearner } : simulation).Run(policy);
            results.Add(result);
            log.WriteLine($"  {result.Policy}: gain/hour {result.GainPerHour(course.Skills.Count):0.000}, {result.Hours:0} h, {result.Elapsed.TotalSeconds:0.0} s");
        }
        if (logger.Entries.Count(e => e.Level >= PluginLogLevel.Warning) is var warnings and > 0)
        {
            log.WriteLine($"  plugin warnings: {warnings}");
        }
        return (results, course, calibration, calibrationTime);
    }
}
