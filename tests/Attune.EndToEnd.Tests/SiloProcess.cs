using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// The real silo, run as <c>dotnet Attune.Silo.dll</c> in its own process, on fresh ports each start and on a data
/// folder that survives stops, kills and restarts. Its console output is kept so a failing test can show it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int MaxOutputLines = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Queue<string> _output = new();

    // Cluster ports stay the same across restarts, as a deployed silo's do: a silo that comes back on its old address
    // with a newer generation supersedes its dead incarnation in the membership table at once.
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private Process? _process;
    private HttpClient? _http;
    private int _starts;

    /// <param name="dataPath">The silo's <c>Attune:DataPath</c>; kept across restarts.</param>
    /// <param name="settings">Configuration as environment variables, e.g. <c>Attune__Tenants__uni__ApiKey</c>.</param>
    public SiloProcess(string dataPath, IReadOnlyDictionary<string, string> settings)
    {
        DataPath = dataPath;
        _settings = settings;
    }


    /// <summary>Where the build put the silo, recorded in this assembly's metadata by the project file.</summary>
    public static string AssemblyPath { get; } = Path.GetFullPath(
        typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiloAssembly").Value!);

    public string DataPath { get; }

    /// <summary>The PostgreSQL connection string when the silo runs in Postgres mode, else null.</summary>
    public string? PostgresConnectionString => _settings.GetValueOrDefault("Attune__Storage__Postgres");

    /// <summary>The silo's journal, opened by the test to see what was really written.</summary>
    public JournalFile Journal => PostgresConnectionString is { } postgres
        ? JournalFile.Postgres(postgres)
        : JournalFile.Sqlite(Path.Combine(DataPath, "journal.db"));

    /// <summary>The silo's grain snapshots.</summary>
    public GrainStateFile GrainStates => PostgresConnectionString is { } postgres
        ? new GrainStateFile(() => JournalFile.OpenPostgres(postgres))
        : new GrainStateFile(() => JournalFile.OpenSqlite(Path.Combine(DataPath, "grains.db")));

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running silo's HTTP client (base address set, no credentials); replaced on every start.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The silo is not running.");

    /// <summary>Starts the silo and waits until <c>GET /health</c> answers 200.</summary>
    public async Task StartAsync()
    {
        Launch();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Starts a silo that must refuse to start (say, on bad configuration) and returns its exit code.</summary>
    public async Task<int> StartExpectingExitAsync(TimeSpan timeout)
    {
        var process = Launch();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo was still running {timeout} after start.\n{Output}");
        }
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    private Process Launch()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The silo is already running.");
        }
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        // Settings of the machine running the tests must not leak into the silo under test.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Attune__", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Attune__DataPath"] = DataPath;
        start.Environment["Attune__Orleans__SiloPort"] = _siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Attune__Orleans__GatewayPort"] = _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in _settings)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data, "");
        process.ErrorDataReceived += (_, e) => Record(e.Data, "[stderr] ");
        _starts++;
        Record($"--- start #{_starts}: {AssemblyPath} on port {httpPort}, data {DataPath} ---", "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _http?.Dispose();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        return process;
    }

    /// <summary>Asks the silo to shut down (SIGTERM) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The silo was never started.");
        if (SendSignal(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to {process.Id} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The silo did not exit within {timeout} of SIGTERM.\n{Output}");
        }
        Record($"--- exited with code {process.ExitCode} after SIGTERM ---", "");
        return process.ExitCode;
    }

    /// <summary>Kills the silo with SIGKILL: no shutdown code runs, exactly like a crash or a power cut of the process.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The silo was never started.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Record("--- killed with SIGKILL ---", "");
    }

    /// <summary>The last lines the silo printed, across all its starts.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return "Silo output (last lines):\n" + string.Join('\n', _output);
            }
        }
    }

    /// <summary>Fails the test unless the silo still answers its health check.</summary>
    public async Task AssertHealthyAsync()
    {
        using var response = await Http.GetAsync("/health");
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"GET /health answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await KillAsync();
        }
        _process?.Dispose();
        _http?.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var process = _process!;
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The silo exited with code {process.ExitCode} while starting.\n{Output}");
            }
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await _http!.GetAsync("/health", probe.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"The silo was not healthy within {StartTimeout} (last: {last}).\n{Output}");
    }

    private void Record(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(prefix + line);
            while (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The dotnet host that runs these tests, so the silo runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // .NET has no managed way to send SIGTERM; Process.Kill only sends SIGKILL.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
