using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Attune.Bench;

/// <summary>What the numbers were measured on: they mean little without the CPU, the core count and how busy it was.</summary>
public static class MachineInfo
{
    public static string LoadAtStart { get; } = LoadAverage();

    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({model ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, server GC";
    }

    /// <summary>The 1-minute load average: other builds on the machine show up here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static string GitCommit(string root)
    {
        try
        {
            var head = Git(root, "rev-parse --short HEAD");
            if (head.Length == 0)
            {
                return $"{root}, not a git checkout";
            }
            var dirty = Git(root, "status --porcelain --untracked-files=no").Length > 0;
            return $"{head}{(dirty ? " with uncommitted changes" : "")}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown (git not available)";
        }
    }

    private static string Git(string root, string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return output;
    }
}
