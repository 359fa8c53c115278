using System.Diagnostics;

namespace Attune.Bench;

/// <summary>
/// On a shared machine, waits until the CPUs are mostly idle before a measurement starts, so the numbers are
/// ours and not a neighbour's build. It cannot stop a build that starts mid-run: the <c>machine</c> column shows that.
/// </summary>
public static class IdleWait
{
    private const double IdleShare = 0.85;

    /// <summary>Waits up to <paramref name="limit"/> for a 3-second window at least 85 % idle; returns what it saw.</summary>
    public static async Task<string> UntilIdleAsync(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero)
        {
            return "";
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var before = MachineCpu.Now();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var after = MachineCpu.Now();
            var total = Math.Max(1, after.Busy + after.Idle + after.IoWait + after.Steal - (before.Busy + before.Idle + before.IoWait + before.Steal));
            var idle = (double)(after.Idle - before.Idle) / total;
            if (idle >= IdleShare)
            {
                return $"waited {clock.Elapsed.TotalSeconds:0} s for an idle machine ({idle:P0} idle)";
            }
            if (clock.Elapsed >= limit)
            {
                Console.WriteLine($"  the machine is still busy after {limit.TotalSeconds:0} s ({idle:P0} idle); measuring anyway");
                return $"the machine stayed busy ({idle:P0} idle) through {limit.TotalSeconds:0} s of waiting";
            }
        }
    }
}
