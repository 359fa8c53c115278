using System.Diagnostics;

namespace Attune.Cluster.Bench;

/// <summary>
/// Time to serve again: from the kill on, <c>GET /api/v1/learners/{learner}</c> for every learner that has events, from
/// the survivors in turn, in rounds over the learners not yet answered with 200, until every one has been once.
/// The learners that lived on the killed silo answer once the survivors have declared it dead and reactivated them
/// from their snapshot and the journal. A round over all learners takes a while too: see <see cref="Result.FirstRound"/>.
/// </summary>
public static class LearnerSweep
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <param name="Served">Learners answered with 200 (all of them, unless the timeout came first).</param>
    /// <param name="AllServed">When the last learner was answered with 200, from the kill; null if not all were.</param>
    /// <param name="FirstRound">How long the first round, over every learner, took: the resolution of <paramref name="AllServed"/>.</param>
    /// <param name="ServedFirstTime">Learners answered with 200 in the first round.</param>
    /// <param name="LastFailure">When the last read that got no 200 was sent, from the kill: every read sent later succeeded.</param>
    /// <param name="Answers">Per silo, how many reads got each answer ("200", "500", "ConnectionError", ...).</param>
    public sealed record Result(int Learners, int Served, TimeSpan? AllServed, TimeSpan FirstRound, int ServedFirstTime, TimeSpan? LastFailure,
        int Rounds, IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Answers);

    public static async Task<Result> RunAsync(Cluster cluster, int[] survivors, IReadOnlyList<string> learners, int clients, Stopwatch sinceKill, TimeSpan timeout)
    {
        var answers = survivors.ToDictionary(s => s, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var servedAt = new TimeSpan?[learners.Count];
        var pending = Enumerable.Range(0, learners.Count).ToArray();
        var firstRound = TimeSpan.Zero;
        var servedFirstTime = 0;
        var lastFailure = (TimeSpan?)null;
        var rounds = 0;
        while (pending.Length > 0 && sinceKill.Elapsed < timeout)
        {
            var round = rounds;
            var next = -1;
            async Task WorkerAsync()
            {
                int p;
                while ((p = Interlocked.Increment(ref next)) < pending.Length && sinceKill.Elapsed < timeout)
                {
                    var learner = pending[p];
                    // Each round asks the other survivor than the last one did.
                    var silo = survivors[(learner + round) % survivors.Length];
                    var sent = sinceKill.Elapsed;
                    var status = await cluster.Clients[silo].LearnerStatusAsync(learners[learner], RequestTimeout);
                    if (status == "200")
                    {
                        servedAt[learner] = sinceKill.Elapsed;
                    }
                    lock (answers)
                    {
                        answers[silo][status] = answers[silo].GetValueOrDefault(status) + 1;
                        if (status != "200" && !(lastFailure > sent))
                        {
                            lastFailure = sent;
                        }
                    }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(WorkerAsync)));
            pending = pending.Where(l => servedAt[l] is null).ToArray();
            if (rounds++ == 0)
            {
                firstRound = sinceKill.Elapsed;
                servedFirstTime = learners.Count - pending.Length;
            }
            if (pending.Length > 0)
            {
                await Task.Delay(200);
            }
        }
        var served = servedAt.Count(t => t is not null);
        return new Result(learners.Count, served, served == learners.Count ? servedAt.Max() : null, firstRound, servedFirstTime, lastFailure, rounds,
            answers.ToDictionary(a => a.Key, a => (IReadOnlyDictionary<string, int>)a.Value));
    }
}
