using System.Collections.Concurrent;
using System.Diagnostics;

namespace Attune.Cluster.Bench;

/// <summary>
/// The load a silo is killed under: closed-loop clients posting fresh batches round robin over the silos until stopped,
/// counting per silo what was sent, acknowledged and failed, and which failures were requests in flight on the killed
/// silo. After <see cref="Avoid"/>, the clients leave that silo out, as a load balancer does once its health check fails.
/// </summary>
public sealed class RecoveryLoad
{
    private readonly Cluster _cluster;
    private readonly BenchWorkload _workload;
    private readonly int _clients;
    private readonly SiloTally[] _tally;
    private readonly Stopwatch _clock = new();
    private int[] _targets;
    private Task[] _workers = [];
    private int _next = -1;
    private int _stop;
    private int _avoided = -1;
    private long _eventsBeforeKill;
    private long _eventsAfterKill;

    public RecoveryLoad(Cluster cluster, BenchWorkload workload, int clients)
    {
        _cluster = cluster;
        _workload = workload;
        _clients = clients;
        _tally = cluster.Silos.Select(_ => new SiloTally()).ToArray();
        _targets = cluster.Live;
    }

    /// <summary>When the kill happened, on this load's clock (from <see cref="Start"/>).</summary>
    public TimeSpan KilledAt { get; private set; }

    /// <summary>When the load stopped, on this load's clock.</summary>
    public TimeSpan StoppedAt { get; private set; }

    public IReadOnlyList<SiloTally> Tally => _tally;

    /// <summary>Events acknowledged per second from the start to the kill, and from the kill to the stop.</summary>
    public (double BeforeKill, double AfterKill) EventsPerSecond =>
        (Interlocked.Read(ref _eventsBeforeKill) / KilledAt.TotalSeconds, Interlocked.Read(ref _eventsAfterKill) / (StoppedAt - KilledAt).TotalSeconds);

    public long Acknowledged => _tally.Sum(t => (long)t.AcknowledgedEvents);

    public void Start()
    {
        _clock.Start();
        _workers = Enumerable.Range(0, _clients).Select(_ => Task.Run(WorkerAsync)).ToArray();
    }

    /// <summary>Stops sending new requests to <paramref name="silo"/> and marks the moment it is killed.</summary>
    public void Avoid(int silo)
    {
        Volatile.Write(ref _targets, _targets.Where(i => i != silo).ToArray());
        KilledAt = _clock.Elapsed;
        Volatile.Write(ref _avoided, silo);
    }

    public async Task StopAsync()
    {
        Volatile.Write(ref _stop, 1);
        await Task.WhenAll(_workers);
        StoppedAt = _clock.Elapsed;
    }

    private async Task WorkerAsync()
    {
        while (Volatile.Read(ref _stop) == 0)
        {
            var k = Interlocked.Increment(ref _next);
            // Read before the targets: Avoid changes the targets first, so a request chosen from the old targets after
            // this read is still one sent before the clients were told, in flight at the kill if its silo is the victim.
            var inFlightAtKill = Volatile.Read(ref _avoided) < 0;
            var targets = Volatile.Read(ref _targets);
            var silo = targets[k % targets.Length];
            var (body, events) = _workload.Replay(k);
            var tally = _tally[silo];
            Interlocked.Increment(ref tally.Sent);
            try
            {
                var outcome = await _cluster.Clients[silo].PostAsync(body);
                Interlocked.Increment(ref tally.Acknowledged);
                Interlocked.Add(ref tally.AcknowledgedEvents, outcome.Accepted + outcome.Duplicates);
                if (Volatile.Read(ref _avoided) < 0)
                {
                    Interlocked.Add(ref _eventsBeforeKill, events);
                }
                else
                {
                    Interlocked.Add(ref _eventsAfterKill, events);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                Interlocked.Increment(ref tally.Failed);
                if (inFlightAtKill && silo == Volatile.Read(ref _avoided))
                {
                    Interlocked.Increment(ref tally.FailedInFlightAtKill);
                }
                if (tally.Errors.Count < 3)
                {
                    tally.Errors.Enqueue($"{ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    /// <summary>One silo's share of the load.</summary>
    public sealed class SiloTally
    {
        public int Sent;
        public int Acknowledged;
        public int AcknowledgedEvents;
        public int Failed;

        /// <summary>Failures of requests sent to the killed silo before the kill.</summary>
        public int FailedInFlightAtKill;

        public ConcurrentQueue<string> Errors { get; } = new();
    }
}
