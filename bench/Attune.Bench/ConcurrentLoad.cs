using System.Diagnostics;

namespace Attune.Bench;

/// <summary>
/// A closed-loop load: N workers each take the next batch, send it, wait for the answer, and take the next, until
/// every batch is sent. Throughput is events over wall-clock time from the first send to the last answer.
/// </summary>
public static class ConcurrentLoad
{
    /// <param name="send">Sends batch i and returns what the receiver said.</param>
    /// <param name="serverCpuSeconds">CPU seconds used so far by the process under test, when it is not this one.</param>
    public static async Task<LoadResult> RunAsync(
        string name,
        IReadOnlyList<int> batchSizes,
        int clients,
        Func<int, Task<BatchOutcome>> send,
        Func<double>? serverCpuSeconds = null)
    {
        var latencies = new Latencies(batchSizes.Count);
        var next = -1;
        int accepted = 0, duplicates = 0, failed = 0;
        var firstError = (Exception?)null;
        var serverCpu0 = serverCpuSeconds?.Invoke() ?? 0;
        var clientCpu0 = CpuClock.CpuSecondsOfThisProcess();
        var machine0 = MachineCpu.Now();
        var wall = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batchSizes.Count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await send(i);
                    Interlocked.Add(ref accepted, outcome.Accepted);
                    Interlocked.Add(ref duplicates, outcome.Duplicates);
                }
                catch (Exception ex)
                {
                    Interlocked.Add(ref failed, batchSizes[i]);
                    Interlocked.CompareExchange(ref firstError, ex, null);
                }
                latencies.Record(i, Stopwatch.GetTimestamp() - start);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(WorkerAsync)));
        wall.Stop();
        var serverCpu = (serverCpuSeconds?.Invoke() ?? 0) - serverCpu0;
        var clientCpu = CpuClock.CpuSecondsOfThisProcess() - clientCpu0;
        if (firstError is not null)
        {
            Console.Error.WriteLine($"{name}: {failed:N0} events failed; the first error: {firstError.GetType().Name}: {firstError.Message}");
        }
        return new LoadResult(name, batchSizes.Sum(), accepted, duplicates, failed, wall.Elapsed, latencies,
            serverCpuSeconds is null ? null : serverCpu, clientCpu, MachineCpu.Describe(machine0, MachineCpu.Now()));
    }
}
