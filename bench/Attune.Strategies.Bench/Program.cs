using System.Diagnostics;
using System.Globalization;
using System.Text;
using Attune.Strategies.Bench;
using Attune.Strategies.Bench.Simulation;
using Attune.Bench.Tracing;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (BenchOptions.HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var watch = Stopwatch.StartNew();
var report = new StringBuilder();
var command = "dotnet run -c Release --project bench/Attune.Strategies.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
report.AppendLine(CultureInfo.InvariantCulture, $"# Attune strategies bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"`{command}` on {Environment.ProcessorCount} cores, .NET {Environment.Version}.");

if (options.Part is "all" or "tracing")
{
    var (rows, shared) = KnowledgeTracingEvaluation.Run(RepoLayout.Data(options.Data), AssistmentsDataset.Assist2009, Console.Out);
    report.AppendLine();
    report.Append(Report.TracingTable(rows, shared));
}
if (options.Part is "all" or "simulation")
{
    foreach (var world in new[] { HiddenWorld.Forgetful, HiddenWorld.Gentle })
    {
        var (results, course, calibration, calibrationTime) = EfficiencyExperiment.Run(options, world, Console.Out);
        report.AppendLine();
        report.Append(Report.SimulationTable(results, course, world, calibration, calibrationTime, options));
    }
}
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Total {watch.Elapsed.TotalSeconds:0} s.");

Console.WriteLine();
Console.Write(report);
var folder = Path.Combine(RepoLayout.Root(), "bench", "results");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, $"strategies-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
File.WriteAllText(file, report.ToString());
Console.WriteLine($"Written to {Path.GetRelativePath(RepoLayout.Root(), file)}");
return 0;
