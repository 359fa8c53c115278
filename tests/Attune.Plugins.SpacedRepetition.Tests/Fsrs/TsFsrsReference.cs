using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Attune.Plugins.SpacedRepetition.Tests.Fsrs;

/// <summary>
/// ts-fsrs, the reference FSRS implementation, run through node. Installs the pinned version (TsFsrs/package.json and
/// package-lock.json) with <c>npm ci</c> into obj/ts-fsrs under this test project the first time, and reuses it while
/// the lock file is unchanged, so a fresh clone or CI needs only node and npm.
/// </summary>
internal static class TsFsrsReference
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string ProjectDirectory =>
        typeof(TsFsrsReference).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;

    /// <summary>Runs the cases through ts-fsrs; returns its version and, per case, the card after each review.</summary>
    public static (string Version, JsonArray Cases) Run(JsonObject input)
    {
        var directory = Installed.Value;
        var (code, output, error) = Execute("node", [Path.Combine(ProjectDirectory, "TsFsrs", "parity.cjs")], directory, input.ToJsonString(),
            new Dictionary<string, string> { ["TS_FSRS_DIR"] = directory });
        if (code != 0)
        {
            throw new InvalidOperationException($"node parity.cjs exited with {code}: {error}");
        }
        var result = JsonNode.Parse(output)!.AsObject();
        return (result["version"]!.GetValue<string>(), result["cases"]!.AsArray());
    }

    private static string Install()
    {
        var source = Path.Combine(ProjectDirectory, "TsFsrs");
        var target = Path.Combine(ProjectDirectory, "obj", "ts-fsrs");
        var lockFile = File.ReadAllText(Path.Combine(source, "package-lock.json"));
        var installedLock = Path.Combine(target, "installed-lock.json");
        if (File.Exists(Path.Combine(target, "node_modules", "ts-fsrs", "package.json"))
            && File.Exists(installedLock) && File.ReadAllText(installedLock) == lockFile)
        {
            return target;
        }
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(target, "package.json"), overwrite: true);
        File.WriteAllText(Path.Combine(target, "package-lock.json"), lockFile);
        var (code, output, error) = Execute("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], target, null, new Dictionary<string, string>());
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {target} exited with {code}: {error}{output}");
        }
        File.WriteAllText(installedLock, lockFile);
        return target;
    }

    private static (int Code, string Output, string Error) Execute(string program, string[] arguments, string directory, string? input, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{program}' is not on PATH. The FSRS parity test runs the reference implementation, ts-fsrs, through node (20 or newer) "
                + "and installs it with npm: install Node.js with npm (e.g. apt-get install nodejs npm) and run the tests again.", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 5 minutes.");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
