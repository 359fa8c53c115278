using System.Diagnostics;

namespace Attune.Bench;

/// <summary>N requests spread over C closed-loop clients; each request's latency is recorded.</summary>
public static class RequestLoad
{
    /// <param name="request">Sends request i and returns how many recommendations came back.</param>
    public static async Task<LatencyResult> RunAsync(string name, int requests, int clients, Func<int, Task<int>> request)
    {
        var latencies = new Latencies(requests);
        var next = -1;
        int nonEmpty = 0, failed = 0;
        var firstError = (Exception?)null;
        var wall = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var items = await request(i);
                    latencies.Record(i, Stopwatch.GetTimestamp() - start);
                    if (items > 0)
                    {
                        Interlocked.Increment(ref nonEmpty);
                    }
                }
                catch (Exception ex)
                {
                    latencies.Record(i, Stopwatch.GetTimestamp() - start);
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(WorkerAsync)));
        wall.Stop();
        if (firstError is not null)
        {
            Console.Error.WriteLine($"{name}: {failed:N0} requests failed; the first error: {firstError.GetType().Name}: {firstError.Message}");
        }
        return new LatencyResult(name, clients, requests, nonEmpty, failed, wall.Elapsed, latencies);
    }

    /// <summary>Requests from C closed-loop clients for a fixed time, e.g. while something else happens in the silo.</summary>
    public static async Task<LatencyResult> RunForAsync(string name, TimeSpan duration, int clients, Func<int, Task<int>> request)
    {
        var next = -1;
        int nonEmpty = 0, failed = 0;
        var firstError = (Exception?)null;
        var perClient = Enumerable.Range(0, clients).Select(_ => new List<long>()).ToArray();
        var wall = Stopwatch.StartNew();

        async Task WorkerAsync(List<long> ticks)
        {
            while (wall.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (await request(i) > 0)
                    {
                        Interlocked.Increment(ref nonEmpty);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex, null);
                }
                ticks.Add(Stopwatch.GetTimestamp() - start);
            }
        }

        await Task.WhenAll(perClient.Select(ticks => Task.Run(() => WorkerAsync(ticks))));
        wall.Stop();
        if (firstError is not null)
        {
            Console.Error.WriteLine($"{name}: {failed:N0} requests failed; the first error: {firstError.GetType().Name}: {firstError.Message}");
        }
        var all = new Latencies(perClient.SelectMany(t => t));
        return new LatencyResult(name, clients, all.Count, nonEmpty, failed, wall.Elapsed, all);
    }
}
