using System.Diagnostics;
using System.Globalization;
using Attune.Bench;
using Attune.Cluster.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = ClusterBenchOptions.Parse(args);
if (options is null)
{
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}
var layout = RepoLayout.Locate(options.DataPath, options.SiloPath);
if (!File.Exists(layout.SiloDll))
{
    Console.Error.WriteLine($"{layout.SiloDll} does not exist: build the silo first with 'dotnet build -c Release src/Silo'.");
    return 1;
}
var clock = Stopwatch.StartNew();
var workload = BenchWorkload.Load(layout.DataFolder, options.Learners, options.Events, options.BatchSize);
Console.WriteLine($"Loaded {workload.Oulad.Describe()} in {clock.Elapsed.TotalSeconds:0.0} s");
var services = options.Configurations.Any(c => c.Postgres) ? ClusterServices.Locate(options, layout.Root) : null;
// The SIGKILL run uses the last configuration with two silos or more, once its own numbers are measured.
var recoveryOn = options.Recovery ? options.Configurations.LastOrDefault(c => c.Silos >= 2) : null;

var report = new ClusterReport();
report.Context($"Command: `dotnet run -c Release --project bench/Attune.Cluster.Bench{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}`");
report.Context($"Machine: {MachineInfo.Describe()}; all silos, PostgreSQL, Redis and the clients share it");
report.Context($"Repository: {MachineInfo.GitCommit(layout.Root)}");
report.Context($"Data: {workload.Oulad.Describe()}. Batches keep file order (grouped by assessment).");
report.Context($"Load: {options.Clients} closed-loop clients, batches of {options.BatchSize} ({workload.Bodies.Length:N0} batches, " +
    $"{workload.Bytes / 1024.0 / 1024.0:0.0} MiB of JSON); batch and request i go to silo i mod N. Each configuration starts fresh silos " +
    $"(and a fresh PostgreSQL database), sends {Math.Min(options.WarmupBatches, workload.Bodies.Length):N0} warm-up batches under tenant " +
    $"'{SiloProcess.WarmupTenant}' (the cold rows), then the measured pass.");
if (services is not null)
{
    report.Context($"Postgres mode: `Attune__Storage__Provider=Postgres` (PostgreSQL {await services.PostgresVersionAsync()} on this machine), " +
        $"`Attune__Orleans__Clustering=Redis` (Redis at {services.Redis}), advertised address 127.0.0.1, a database and a cluster id of its own per configuration.");
}

foreach (var configuration in options.Configurations)
{
    var waited = await IdleWait.UntilIdleAsync(options.WaitIdle);
    if (waited.Length > 0)
    {
        report.Note($"Before {configuration.Describe()}: {waited}.");
    }
    var cluster = await Cluster.StartAsync(configuration, layout.SiloDll, services, options.Clients, options.Keep);
    try
    {
        var result = await new ThroughputRun(options, workload).RunAsync(cluster);
        report.Add(result);
        if (configuration == recoveryOn)
        {
            report.Recovery = await new RecoveryRun(options, workload).RunAsync(cluster);
            report.RecoveryConfiguration = configuration;
        }
        var warnings = cluster.Warnings();
        var stopped = await cluster.StopAsync();
        report.Note($"{configuration.Describe()}: all silos active {cluster.StartTime.TotalSeconds:0.0} s after the first was started; " +
            $"{(result.Journaled is { } journaled ? $"the journal holds {journaled:N0} events of tenant '{SiloProcess.Tenant}' after the measured pass; " : "")}" +
            $"recommendations from {options.Clients} clients kept the silos {result.RecommendationCores:0.00} cores busy; " +
            $"warnings or errors logged per silo during the measurements: {string.Join(", ", result.Warnings)}" +
            $"{(configuration == recoveryOn ? $", by the end of the recovery run: {string.Join(", ", warnings)}" : "")}; " +
            $"the live silos stopped {stopped.TotalSeconds:0.0} s after SIGTERM.");
        foreach (var silo in cluster.Silos.Where(s => s.FirstWarnings.Count > 0))
        {
            Console.WriteLine($"{configuration.Name}, pid {silo.Pid}: the first warnings:\n  " + string.Join("\n  ", silo.FirstWarnings));
        }
    }
    catch
    {
        foreach (var silo in cluster.Silos)
        {
            Console.Error.WriteLine($"Recent output of pid {silo.Pid}:\n{silo.RecentOutput()}");
        }
        throw;
    }
    finally
    {
        await cluster.DisposeAsync();
    }
}
report.Context($"Finished in {clock.Elapsed.TotalSeconds:0} s; load average before → after: {MachineInfo.LoadAtStart} → {MachineInfo.LoadAverage()}.");

var markdown = report.Render();
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(layout.ResultsFolder);
var file = Path.Combine(layout.ResultsFolder, $"cluster-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
await File.WriteAllTextAsync(file, markdown);
Console.WriteLine($"Written to {Path.GetRelativePath(layout.Root, file)}");
return 0;
