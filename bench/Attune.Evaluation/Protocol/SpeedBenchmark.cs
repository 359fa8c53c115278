using System.Diagnostics;
using System.Globalization;
using System.Text;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Reporting;
using Attune.Learners;
using Attune.Plugins;
using Attune.Plugins.MatrixFactorization;
using Attune.Plugins.MatrixFactorization.Training;
using Attune.Plugins.Testing;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// Speed and memory of the implicit fit on a whole table (every row an interaction): each epoch of a cold, first fit
/// in this process (so JIT is included, as in a real training job), then fold-in latency through the API for learners
/// with 200 interactions. Run it in a fresh process for a clean peak-memory figure.
/// </summary>
public static class SpeedBenchmark
{
    public static async Task<string> RunAsync(InteractionTable table, int factors, int epochs, string solver, int foldIns)
    {
        var s = new StringBuilder();
        var before = MemoryProbe.Read();
        var started = Stopwatch.GetTimestamp();
        var journal = new InteractionJournal();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            journal.Add(table.Event(r, EventKind.Viewed));
        }
        var readSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var h = AlsHyperparameters.From(new MatrixFactorizationOptions { Factors = factors, Epochs = epochs, Solver = solver });
        var fitStarted = Stopwatch.GetTimestamp();
        var (learners, items) = journal.Matrices(null, a => h.Confidence.Confidence(a));
        // CPU time per epoch beside wall time: on a shared machine wall time measures the neighbours too.
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var fit = ImplicitAls.Fit(learners, items, h, seed: 1, maxThreads: 0, CancellationToken.None, (_, _) =>
        {
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - lastCpu).TotalMilliseconds);
            lastCpu = process.TotalProcessorTime;
        });
        var fitSeconds = Stopwatch.GetElapsedTime(fitStarted).TotalSeconds;
        var after = MemoryProbe.Read();
        var epochMs = fit.EpochSeconds.Select(x => x * 1000).ToArray();
        var warm = epochMs.Skip(1).DefaultIfEmpty(epochMs[0]).ToArray();
        var fitBytes = (learners.Count * 2 * (4 + 4 + 4)) + ((long)fit.Learners + fit.Items) * factors * 4;
        s.AppendLine(CultureInfo.InvariantCulture, $"### Speed: {table.Name}, {journal.Pairs:N0} interactions ({journal.Learners.Count:N0} learners × {journal.Items.Count:N0} items), k={factors}, solver {solver}, {Environment.ProcessorCount} cores, Vector<float> {System.Numerics.Vector<float>.Count} lanes");
        s.AppendLine();
        s.AppendLine("| measure | value |");
        s.AppendLine("| --- | ---: |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| epoch 1 (cold, includes JIT) | {epochMs[0]:0.0} ms |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| epochs 2..{epochs}: mean / min / max | {warm.Average():0.0} / {warm.Min():0.0} / {warm.Max():0.0} ms |");
        var warmCpu = cpu.Skip(1).DefaultIfEmpty(cpu[0]).ToArray();
        s.AppendLine(CultureInfo.InvariantCulture, $"| CPU time per epoch, epochs 2..{epochs}: mean / min (all cores; ÷ {Environment.ProcessorCount} ≈ wall time on an idle machine) | {warmCpu.Average():0.0} / {warmCpu.Min():0.0} ms |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| full {epochs}-epoch fit incl. building the matrices | {fitSeconds:0.000} s |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| reading {table.Rows.Count:N0} rows into per-pair aggregates | {readSeconds:0.000} s |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| process uptime at the end of the fit | {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds:0.00} s |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| peak resident memory before reading / after the fit | {before.PeakResidentMb:0} / {after.PeakResidentMb:0} MB |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| the fit's own arrays (both CSR copies + factors) | {fitBytes / 1048576.0:0.0} MB |");

        // Fold-in latency through the API: a model trained by TrainAsync, learners with 200 interactions each.
        var settings = new Dictionary<string, string?>
        {
            ["Factors"] = factors.ToString(CultureInfo.InvariantCulture),
            ["Epochs"] = "3",
            ["Tuning:Enabled"] = "false",
            ["Explicit:Enabled"] = "false",
        };
        var recommender = new MatrixFactorizationRecommender(new PluginContext("matrix-factorization", new SilentLogger(), TimeProvider.System, new PluginSettings(settings), 1));
        var artifact = await recommender.TrainAsync(new TrainingRequest(new TenantId("speed"), null, 1), new TableSource(table, [.. Enumerable.Range(0, table.Rows.Count)], EventKind.Viewed),
            new Progress<TrainingProgress>(), CancellationToken.None);
        var model = recommender.LoadModel(artifact!);
        var random = new Random(3);
        var histories = new List<LearnerHistory>();
        var itemCount = Math.Min(200, table.Items.Count);
        for (var l = 0; l < 50; l++)
        {
            var builder = new LearnerHistoryBuilder(new LearnerId($"speed-{l}"));
            var history = builder.History;
            foreach (var i in Enumerable.Range(0, table.Items.Count).OrderBy(_ => random.Next()).Take(itemCount))
            {
                builder.Apply(new LearningEvent($"s{l}-{i}", history.Learner, new ItemId(table.Items[i]), EventKind.Viewed, DateTimeOffset.UnixEpoch.AddDays(i), durationSeconds: random.Next(600)));
            }
            histories.Add(history);
        }
        for (var w = 0; w < 2000; w++)
        {
            recommender.FoldIn(model, histories[w % histories.Count]);
        }
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var times = new double[foldIns];
        for (var n = 0; n < foldIns; n++)
        {
            var t = Stopwatch.GetTimestamp();
            recommender.FoldIn(model, histories[n % histories.Count]);
            times[n] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / foldIns;
        Array.Sort(times);
        s.AppendLine(CultureInfo.InvariantCulture, $"| exact fold-in, {itemCount} interactions, k={factors} (FoldIn via the API, {foldIns:N0} calls): p50 / p99 wall; mean CPU | {times[foldIns / 2]:0.0} / {times[(int)(foldIns * 0.99)]:0.0} µs; {cpuPerCall:0.0} µs |");
        s.AppendLine();
        return s.ToString();
    }

    private sealed class SilentLogger : IPluginLogger
    {
        public bool IsEnabled(PluginLogLevel level) => false;

        public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
        {
        }
    }
}
