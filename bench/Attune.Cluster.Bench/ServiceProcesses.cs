using Attune.Bench;

namespace Attune.Cluster.Bench;

/// <summary>
/// CPU of the PostgreSQL and Redis servers on this machine. In Postgres mode the journal's work happens there rather
/// than in the silo, so a fair CPU-per-event comparison with the SQLite row counts them too.
/// </summary>
public static class ServiceProcesses
{
    private static readonly string[] Names = ["postgres", "redis-server"];

    /// <summary>CPU seconds used so far by every running process named postgres or redis-server.</summary>
    public static double CpuSeconds()
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                if (Names.Contains(File.ReadAllText(Path.Combine(dir, "comm")).Trim()))
                {
                    total += CpuClock.CpuSeconds(pid);
                }
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to read
            }
        }
        return total;
    }
}
