using System.Globalization;

namespace Attune.Bench;

/// <summary>
/// The whole machine's CPU time by kind (/proc/stat), so a phase can say whether the cores were busy with us,
/// with something else, idle (everyone waiting), or waiting on the disk.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Idle, long IoWait, long Steal)
{
    public static MachineCpu Now()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }
        // "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks summed over all cores.
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new MachineCpu(f[0] + f[1] + f[2] + f[5] + f[6], f[3], f[4], f.Length > 7 ? f[7] : 0);
    }

    /// <summary>Shares of the machine's CPU time between two readings: "busy 93 % (of it, this bench 90 %), idle 5 %, iowait 2 %".</summary>
    public static string Describe(MachineCpu start, MachineCpu end)
    {
        var busy = end.Busy - start.Busy;
        var idle = end.Idle - start.Idle;
        var io = end.IoWait - start.IoWait;
        var steal = end.Steal - start.Steal;
        double total = Math.Max(1, busy + idle + io + steal);
        var text = $"machine busy {100 * busy / total:0} %, idle {100 * idle / total:0} %, iowait {100 * io / total:0} %";
        return steal > 0 ? text + $", steal {100 * steal / total:0} %" : text;
    }
}
