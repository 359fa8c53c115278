using System.Diagnostics;
using System.Globalization;
using Attune.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
if (options is null)
{
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}
var layout = RepoLayout.Locate(options.DataPath, options.SiloPath);
var clock = Stopwatch.StartNew();
var workload = OuladWorkload.Load(layout.DataFolder, options.Learners, options.Events);
Console.WriteLine($"Loaded {workload.Describe()} in {clock.Elapsed.TotalSeconds:0.0} s");

var report = new Report();
report.Context($"Command: `dotnet run -c Release --project bench/Attune.Bench{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}`");
report.Context($"Machine: {MachineInfo.Describe()}");
report.Context($"Repository: {MachineInfo.GitCommit(layout.Root)}");
report.Context($"Data: {workload.Describe()}. Timestamps: {OuladWorkload.DayZero:yyyy-MM-dd} + date_submitted days. Batches keep file order (grouped by assessment).");
report.Context($"Load: {options.Clients} closed-loop clients, batches of {options.BatchSize}; before the measured pass, " +
    ((long)options.WarmupBatches * options.BatchSize >= workload.Events.Count ? "the same batches once under a separate tenant (the cold-silo rows)." : $"{options.WarmupBatches} warm-up batches under a separate tenant (the cold-silo rows)."));

if (options.RunsHttp)
{
    await new HttpBench(options, layout, workload, report).RunAsync();
}
if (options.RunsDirect)
{
    await new DirectBench(options, workload, report).RunAsync();
    await new JournalBench(options, workload, report).RunAsync();
}
report.Memory("bench process, whole run", CpuClock.PeakWorkingSetMiB(Environment.ProcessId), "clients, loaded data" + (options.RunsDirect ? ", and the in-process silo of the direct mode" : ""));
report.Context($"Finished in {clock.Elapsed.TotalSeconds:0} s; load average before → after: {MachineInfo.LoadAtStart} → {MachineInfo.LoadAverage()}.");

var markdown = report.Render();
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(layout.ResultsFolder);
var file = Path.Combine(layout.ResultsFolder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
await File.WriteAllTextAsync(file, markdown);
Console.WriteLine($"Written to {Path.GetRelativePath(layout.Root, file)}");
return 0;
