using System.Diagnostics;
using System.Globalization;
using Attune;
using Attune.Silo.Hosting;
using Attune.Silo.Journal;
using Attune.Silo.Learners;
using Attune.Silo.Models;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Refactorization at scale: wall time and peak memory of one re-factorisation (holdout training + evaluation + full
// training + publication) per recommender, side by side, and how long until every active learner is folded against
// the new version. Data: OULAD assessments (real), replicated with renamed learners to reach the larger sizes.
var arguments = args.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i);
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var i) && i + 1 < args.Length ? args[i + 1] : fallback;
var sizes = Arg("--sizes", "100000,1000000").Split(',').Select(long.Parse).ToArray();
var recommenders = Arg("--recommenders", "matrix-factorization,peer-sequence").Split(',');
var activeLearners = int.Parse(Arg("--active", "2000"), CultureInfo.InvariantCulture);
var root = FindRoot();
var plugins = Path.Combine(root, "src/Silo/bin/Release/net10.0/plugins");
if (!Directory.Exists(plugins))
{
    Console.Error.WriteLine($"No {plugins}: run `dotnet build -c Release src/Silo` first.");
    return 2;
}
var rows = OuladEvent.Load(Path.Combine(root, "../shared/data/oulad"));
Console.WriteLine($"# Refactorization bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n");
Console.WriteLine($"- Command: `dotnet run -c Release --project bench/Attune.Refactorization.Bench -- --sizes {string.Join(',', sizes)} --recommenders {string.Join(',', recommenders)} --active {activeLearners}`");
Console.WriteLine($"- Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"- Data: {rows.Count:N0} graded events from OULAD studentAssessment.csv; larger sizes replay them with renamed learners (copy k: learner '<id>-k', timestamps shifted by k×300 days).");
Console.WriteLine($"- Scenario: version 1 is trained on the oldest 90%; learners are activated; the newest 10% is appended; the measured refactorization = train on the journal before the holdout (the 90% the serving version saw) + Recall@20 of the new and the serving model on the newest 10% + train on 100% + store and publish. \"Until served\" = from publication until every active learner's embedding is folded against the new version.\n");
Console.WriteLine("| interactions | recommender | refactorization wall s | of which final training s | holdout Recall@20 | process peak RSS MiB | RSS growth during run MiB | active learners | until all active learners serve it s |");
Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var size in sizes)
{
    foreach (var recommender in recommenders)
    {
        await RunAsync(size, recommender);
    }
}
return 0;

async Task RunAsync(long size, string recommender)
{
    var data = Path.Combine(Path.GetTempPath(), "attune-refactor-bench", Guid.NewGuid().ToString("n"));
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Attune:DataPath"] = data,
        ["Attune:Tenants:bench:ApiKey"] = "bench-key-0123456789abcdef",
        ["Attune:Plugins:Path"] = plugins,
        ["Attune:Plugins:HotReload"] = "false",
        ["Attune:Plugins:CallBudget"] = "00:00:05",
        ["Attune:Plugins:Tenants:bench:Recommender"] = recommender,
        ["Attune:Models:RefreshInterval"] = "00:00:01",
        ["Attune:Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Attune:Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
    });
    builder.Services.AddAttuneCore();
    builder.UseOrleans(silo => silo.AddAttuneSilo(builder.Configuration));
    using var host = builder.Build();
    await host.StartAsync();
    var services = host.Services;
    var tenant = new TenantId("bench");
    var journal = services.GetRequiredService<EventJournal>();
    var grains = services.GetRequiredService<IGrainFactory>();

    // Load: straight into the journal (ingestion speed is measured by Attune.Bench). The newest 10% arrive after the
    // first version, as an hour's new activity would, so the measured run has a holdout neither version has seen.
    var all = new List<LearningEvent>();
    var learners = new List<LearnerId>();
    for (long n = 0, copy = 0; n < size; copy++)
    {
        foreach (var row in rows)
        {
            if (n++ >= size)
            {
                break;
            }
            var learner = copy == 0 ? row.Learner : $"{row.Learner}-{copy}";
            all.Add(new LearningEvent($"{row.Id}-{copy}", new LearnerId(learner), new ItemId(row.Item), EventKind.Graded,
                row.At.AddDays(300 * copy), new CourseId(row.Course), row.Score));
            if (learners.Count < activeLearners && copy == 0 && (learners.Count == 0 || learners[^1].Value != learner))
            {
                learners.Add(new LearnerId(learner));
            }
        }
    }
    var firstPart = (int)(all.Count * 0.9);
    async Task AppendAsync(IEnumerable<LearningEvent> events)
    {
        foreach (var chunk in events.Chunk(5000))
        {
            await journal.AppendAsync(tenant, chunk);
        }
    }
    await AppendAsync(all.Take(firstPart));
    learners = learners.Distinct().Take(activeLearners).ToList();

    // The first version, then activate learners and fold them in against it.
    var refactorizer = services.GetRequiredService<Refactorizer>();
    await refactorizer.RefactorizeAsync(tenant, recommender, (_, _) => { }, CancellationToken.None);
    await Parallel.ForEachAsync(learners, new ParallelOptions { MaxDegreeOfParallelism = 8 },
        async (l, _) => await grains.GetLearner(tenant, l).RecommendAsync(new RecommendationRequest(null, 10, null)));

    await AppendAsync(all.Skip(firstPart));

    // The measured run: a re-factorisation with an hour's worth of new events, while learners are active.
    var rssBefore = Rss();
    var peak = rssBefore;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, Rss());
            await Task.Delay(50);
        }
    });
    var finalTraining = Stopwatch.StartNew();
    var clock = Stopwatch.StartNew();
    await refactorizer.RefactorizeAsync(tenant, recommender, (phase, _) =>
    {
        if (phase.StartsWith("training on the whole", StringComparison.Ordinal))
        {
            finalTraining.Restart();
        }
    }, CancellationToken.None);
    finalTraining.Stop();
    var wall = clock.Elapsed;
    await sampling.CancelAsync();
    await sampler;
    var store = services.GetRequiredService<ModelStore>();
    var newest = store.List(tenant).Where(v => v.Recommender == recommender).MaxBy(v => v.Version)!;

    // Publication: every active learner serving the new version. A recommender with embeddings serves it once the
    // silo's model watcher has refolded the learner against it; one without (peer-sequence) as soon as the silo has
    // loaded it, which the learner's next recommendation shows in its provenance.
    var published = Stopwatch.StartNew();
    var tag = newest.Version.ToString(CultureInfo.InvariantCulture);
    var pending = learners.ToList();
    while (pending.Count > 0 && published.Elapsed < TimeSpan.FromMinutes(5))
    {
        var still = new List<LearnerId>();
        foreach (var l in pending)
        {
            var grain = grains.GetLearner(tenant, l);
            var embedding = (await grain.GetModelAsync())?.Embeddings.FirstOrDefault(e => e.Recommender == recommender);
            var serves = embedding is not null
                ? embedding.ModelVersion == tag
                : (await grain.RecommendAsync(new RecommendationRequest(null, 10, null))).Plugins.ModelVersion == newest.Version;
            if (!serves)
            {
                still.Add(l);
            }
        }
        pending = still;
        if (pending.Count > 0)
        {
            await Task.Delay(100);
        }
    }
    var untilServed = pending.Count == 0 ? published.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : $"> 300 ({pending.Count} left)";
    var recall = newest.Metrics.TryGetValue("holdout_recall@20", out var r) ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine($"| {size:N0} | {recommender} | {wall.TotalSeconds:0.0} | {finalTraining.Elapsed.TotalSeconds:0.0} | {recall} | {Peak():N0} | {(peak - rssBefore) / 1048576.0:N0} | {learners.Count:N0} | {untilServed} |");
    await host.StopAsync();
    try
    {
        Directory.Delete(data, recursive: true);
    }
    catch (IOException)
    {
    }
}

static long Rss() => Status("VmRSS") * 1024;

static long Peak() => Status("VmHWM") / 1024;

static long Status(string key) =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

static int FreePort()
{
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
        {
            return dir.FullName;
        }
    }
    throw new DirectoryNotFoundException("No Attune.slnx above the bench.");
}
