using System.Diagnostics;
using System.Globalization;

namespace Attune.Bench;

/// <summary>CPU time and peak memory of a process, read from /proc so the silo process can be measured from outside.</summary>
public static class CpuClock
{
    // /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on every Linux the SDK supports.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are at 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static double CpuSecondsOfThisProcess() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Peak resident set (VmHWM) in MiB, or NaN when the process is gone.</summary>
    public static double PeakWorkingSetMiB(int pid) => StatusKiB(pid, "VmHWM:") / 1024.0;

    public static double WorkingSetMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    private static double StatusKiB(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return double.NaN;
    }
}
