using System.Diagnostics;
using System.Globalization;
using System.Text;
using Attune.Bench;
using Attune.Bench.Tracing;
using Attune.Outcomes.Bench;
using Attune.Outcomes.Bench.Reporting;

OutcomeOptions options;
try
{
    options = OutcomeOptions.Parse(args);
}
catch (OutcomeOptions.HelpRequested)
{
    Console.WriteLine(OutcomeOptions.Usage);
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(OutcomeOptions.Usage);
    return 2;
}

var settings = SiloSettings.For(options);
if (options.PrintSettings)
{
    foreach (var (name, value) in settings)
    {
        Console.WriteLine($"export {name}='{value}'");
    }
    return 0;
}

var watch = Stopwatch.StartNew();
var layout = RepoLayout.Locate(options.Data, options.SiloDll);
var command = "dotnet run -c Release --project bench/Attune.Outcomes.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
Console.WriteLine($"{command}: {options.Families.Count} families × {options.Configurations.Count} configurations × {options.Learners} learners, {options.Days} days of {options.MinutesPerDay} minutes");

var experiment = new OutcomeExperiment(options, Console.Out);
IReadOnlyList<FamilyOutcome> families;
SiloProcess? silo = null;
try
{
    Uri address;
    if (options.Silo is { } given)
    {
        address = given;
    }
    else
    {
        silo = await SiloProcess.StartAsync(layout.SiloDll, options.Keep, settings);
        address = silo.Address;
        Console.WriteLine($"  silo pid {silo.Pid} at {address}");
    }
    families = await experiment.RunAsync(address);
}
catch (Exception ex) when (silo is not null)
{
    Console.Error.WriteLine($"The run failed: {ex}\nThe silo's last output:\n{silo.RecentOutput()}");
    await silo.DisposeAsync();
    return 1;
}
var siloWarnings = silo?.Warnings ?? 0;
var firstWarnings = silo?.FirstWarnings ?? [];
if (silo is not null)
{
    await silo.DisposeAsync();
}
var simulation = watch.Elapsed;

var tracing = new List<(AssistmentsDataset Dataset, IReadOnlyList<TracingResult> Rows)>();
if (options.Tracing)
{
    foreach (var dataset in new[] { AssistmentsDataset.Assist2009, AssistmentsDataset.Assist2015 })
    {
        var (rows, _) = KnowledgeTracingEvaluation.Run(layout.DataFolder, dataset, Console.Out);
        tracing.Add((dataset, rows));
    }
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Attune learner-outcome bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture,
    $"`{command}` on {Environment.ProcessorCount} cores, .NET {Environment.Version}, commit {GitCommit(layout.Root)}: {options.Learners} learners per family and configuration, {options.Days} days of {options.MinutesPerDay:0} minutes, " +
    $"earlier cohort of {options.PriorLearners} per family ({experiment.PriorEvents:N0} events in every tenant), seed {options.Seed}. " +
    $"Simulation {simulation.TotalSeconds:0} s (earlier cohort {experiment.PriorTime.TotalSeconds:0} s, term {experiment.DaysTime.TotalSeconds:0} s of which {experiment.Jobs?.Nights ?? 0} nights' jobs {experiment.Jobs?.Elapsed.TotalSeconds ?? 0:0} s: {experiment.Jobs?.Durations()}), total {watch.Elapsed.TotalSeconds:0} s.");
report.AppendLine();
report.Append(OutcomeReport.Summary(families));
report.AppendLine();
report.AppendLine("## Per family");
foreach (var family in families)
{
    report.AppendLine();
    report.Append(OutcomeReport.Family(family, experiment.Jobs, options.MinutesPerDay));
}
if (tracing.Count > 0)
{
    report.AppendLine();
    report.AppendLine("## Knowledge tracing: next-answer prediction");
    foreach (var (dataset, rows) in tracing)
    {
        report.AppendLine();
        report.Append(OutcomeReport.Tracing(dataset, rows));
    }
}
if (siloWarnings > 0)
{
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"The silo logged {siloWarnings} warnings; the first: `{string.Join(" / ", firstWarnings.Take(6))}`");
}

Console.WriteLine();
Console.Write(report);
Directory.CreateDirectory(layout.ResultsFolder);
var file = Path.Combine(layout.ResultsFolder, $"outcomes-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
File.WriteAllText(file, report.ToString());
Console.WriteLine($"Written to {Path.GetRelativePath(layout.Root, file)}");
return 0;

static string GitCommit(string root)
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
        var commit = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return commit.Length > 0 ? commit : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
