using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Attune.Bench;

/// <summary>Mode A: the real silo process, fed over HTTP by N clients, then asked for recommendations over HTTP.</summary>
public sealed class HttpBench(BenchOptions options, RepoLayout layout, OuladWorkload workload, Report report)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task RunAsync()
    {
        report.Waited("A", await IdleWait.UntilIdleAsync(options.WaitIdle));
        Console.WriteLine($"HTTP: starting {layout.SiloDll}");
        var silo = await SiloProcess.StartAsync(layout.SiloDll, options.Keep);
        try
        {
            using var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                MaxConnectionsPerServer = Math.Max(options.Clients, 1) * 2,
            };
            using var client = Client(handler, silo, silo.ApiKey);
            using var warmupClient = Client(handler, silo, silo.WarmupApiKey);

            var batches = workload.Batches(options.BatchSize);
            var bodies = batches.Select(EventBatchJson.Write).ToArray();
            var sizes = batches.Select(b => b.Length).ToArray();
            var bytes = bodies.Sum(b => (long)b.Length);
            report.Context($"HTTP bodies: {bodies.Length:N0} batches, {bytes / 1024.0 / 1024.0:0.0} MiB of JSON, {bytes / Math.Max(1, workload.Events.Count)} bytes per event");

            // Warm-up under a tenant of its own: the same batches into a fresh silo, so JIT tiering, connection pools and
            // grain activation paths are warm when the measured pass starts, and the measured learners' grains are still new.
            // It is reported too: it is what a freshly started silo does.
            var sinceFirstEvent = Stopwatch.StartNew();
            var warm = Math.Min(options.WarmupBatches, bodies.Length);
            if (warm > 0)
            {
                Console.WriteLine($"HTTP: warm-up, {sizes[..warm].Sum():N0} events under tenant '{SiloProcess.WarmupTenant}'");
                var warmup = await ConcurrentLoad.RunAsync("warm-up", sizes[..warm], options.Clients, i => PostAsync(warmupClient, bodies[i]), silo.CpuSeconds);
                report.Ingestion("A0. HTTP, cold silo", $"as A, the first {warm:N0} batches into the freshly started silo (tenant '{SiloProcess.WarmupTenant}'): the warm-up pass", warmup);
            }

            Console.WriteLine($"HTTP: posting {workload.Events.Count:N0} events, {options.Clients} clients, batches of {options.BatchSize}");
            var load = await ConcurrentLoad.RunAsync("http", sizes, options.Clients, i => PostAsync(client, bodies[i]), silo.CpuSeconds);
            report.Ingestion("A. HTTP end to end",
                "POST /api/v1/events to the silo process: parse, validate, journal (group commit, fsync), dispatch to learner grains, answer",
                load);
            report.HttpEventsPerSecond = load.EventsPerSecond;

            if (options.RunsRecommendations)
            {
                await RecommendAsync(client, silo, sinceFirstEvent);
            }

            report.Memory("silo process (HTTP mode)", silo.PeakWorkingSetMiB(),
                $"{workload.CourseOfLearner.Count:N0} learner grains (+ warm-up tenant), RSS now {CpuClock.WorkingSetMiB(silo.Pid):N0} MiB");
            var warnings = silo.Warnings;
            await silo.StopAsync(TimeSpan.FromSeconds(120));
            if (silo.FirstWarnings.Count > 0)
            {
                Console.WriteLine("The silo's first warnings:\n  " + string.Join("\n  ", silo.FirstWarnings));
            }
            report.Note($"HTTP silo: stopped {silo.ShutdownTime?.TotalSeconds:0.0} s after SIGTERM (deactivating every grain writes its snapshot); " +
                $"it logged {warnings} warnings or errors during the run and {silo.Warnings - warnings} while stopping; {Journaled(silo.DataFolder)}.");
        }
        catch
        {
            Console.Error.WriteLine("The silo's recent output:\n" + silo.RecentOutput());
            throw;
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private async Task RecommendAsync(HttpClient client, SiloProcess silo, Stopwatch sinceFirstEvent)
    {
        var learners = workload.CourseOfLearner.ToArray();
        var random = new Random(20261129);
        string Path(int _)
        {
            var (learner, course) = learners[random.Next(learners.Length)];
            return $"api/v1/learners/{Uri.EscapeDataString(learner)}/recommendations?course={Uri.EscapeDataString(course)}&limit=10";
        }
        // Paths are drawn before each run, so the clients do not share the Random (it is not thread-safe).
        async Task<LatencyResult> Run(string name, int requests, int clients)
        {
            var paths = Enumerable.Range(0, requests).Select(Path).ToArray();
            return await RequestLoad.RunAsync(name, requests, clients, i => GetRecommendationsAsync(client, paths[i]));
        }

        // Every grain writes its first snapshot one SnapshotEvery after it was activated, so the grains activated by
        // the warm-up and the measured pass write theirs in a burst from 30 s after the first event for as long as
        // the passes took. Readers are measured during that burst, and again after it, in the steady state.
        var loading = sinceFirstEvent.Elapsed;
        var burstPaths = Enumerable.Range(0, 50_000).Select(Path).ToArray(); // cycled: enough variety, little memory
        var untilBurst = SiloProcess.SnapshotEvery - sinceFirstEvent.Elapsed;
        if (untilBurst > TimeSpan.Zero)
        {
            Console.WriteLine($"HTTP: waiting {untilBurst.TotalSeconds:0} s for the grains' first snapshots");
            await Task.Delay(untilBurst);
        }
        var window = SiloProcess.SnapshotEvery + loading - sinceFirstEvent.Elapsed;
        window = TimeSpan.FromSeconds(Math.Clamp(window.TotalSeconds, 5, 60));
        var snapshotsBefore = Snapshots(silo.DataFolder);
        Console.WriteLine($"HTTP: recommendations from {options.Clients} clients for {window.TotalSeconds:0} s while the grains write their first snapshots");
        var burst = await RequestLoad.RunForAsync("recs-burst", window, options.Clients, i => GetRecommendationsAsync(client, burstPaths[i % burstPaths.Length]));
        var written = Snapshots(silo.DataFolder) - snapshotsBefore;

        var untilSteady = SiloProcess.SnapshotEvery + loading + TimeSpan.FromSeconds(3) - sinceFirstEvent.Elapsed;
        if (untilSteady > TimeSpan.Zero)
        {
            await Task.Delay(untilSteady);
        }
        Console.WriteLine($"HTTP: recommendations, {options.Recommendations:N0} requests with 1 and {options.Clients} clients");
        await Run("warm-up", Math.Min(1000, options.Recommendations), options.Clients);
        var sequential = await Run("recs-1", options.Recommendations, 1);
        report.Recommendations("A. HTTP GET /learners/{l}/recommendations", sequential);
        var cpu0 = silo.CpuSeconds();
        var concurrent = await Run("recs-n", options.Recommendations, options.Clients);
        var cores = (silo.CpuSeconds() - cpu0) / concurrent.Elapsed.TotalSeconds;
        report.Recommendations("A. HTTP GET /learners/{l}/recommendations", concurrent);
        report.HttpRecommendationP99 = Math.Max(sequential.Latency.Percentile(99), concurrent.Latency.Percentile(99));
        report.Recommendations($"A. HTTP, same, during the first snapshot burst ({written:N0} snapshots written in those {window.TotalSeconds:0} s)", burst);
        report.Note($"HTTP recommendations with {options.Clients} clients kept the silo {cores:0.00} cores busy.");
    }

    private static async Task<BatchOutcome> PostAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync("api/v1/events", content);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(answer))}");
        }
        using var json = JsonDocument.Parse(answer);
        return new BatchOutcome(json.RootElement.GetProperty("accepted").GetInt32(), json.RootElement.GetProperty("duplicates").GetInt32());
    }

    private static async Task<int> GetRecommendationsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(answer))}");
        }
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("items").GetArrayLength();
    }

    private static HttpClient Client(SocketsHttpHandler handler, SiloProcess silo, string apiKey)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Rows in the silo's grain storage: one per learner that has written a snapshot.</summary>
    private static long Snapshots(string dataFolder)
    {
        var grains = System.IO.Path.Combine(dataFolder, "grains.db");
        if (!File.Exists(grains))
        {
            return 0;
        }
        using var connection = new SqliteConnection($"Data Source={grains};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM grain_state";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Counts what the silo left on disk, as a check that every accepted event is in the journal.</summary>
    private static string Journaled(string dataFolder)
    {
        var journal = System.IO.Path.Combine(dataFolder, "journal.db");
        using var connection = new SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM events WHERE tenant = '{SiloProcess.Tenant}'";
        var events = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var snapshots = Snapshots(dataFolder);
        return $"the journal holds {events:N0} events of tenant '{SiloProcess.Tenant}' and grains.db {snapshots:N0} snapshots";
    }

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
