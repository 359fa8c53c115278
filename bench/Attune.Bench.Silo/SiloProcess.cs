using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Attune.Bench;

/// <summary>
/// The real silo, started as its own process the way it is deployed (<c>dotnet Attune.Silo.dll</c>), on free ports
/// and a temporary data folder, with two tenants: <c>bench</c> for the measured load and <c>warmup</c> for the warm-up.
/// The tenants' keys are made once per bench process, so every silo it starts (the members of a cluster too) takes them.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string Tenant = "bench";
    public const string WarmupTenant = "warmup";

    /// <summary>Set explicitly (it is also the default) because the bench times a measurement to the first snapshot burst.</summary>
    public static readonly TimeSpan SnapshotEvery = TimeSpan.FromSeconds(30);

    private static readonly string BenchKey = NewKey();
    private static readonly string WarmupKey = NewKey();

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _keepData;
    private readonly List<string> _firstWarnings = [];
    private readonly List<string> _headlines = [];
    private int _headlineLinesMissing;
    private int _warnings;
    private int _linesAfterWarning;

    private SiloProcess(Process process, string dataFolder, Uri address, bool keepData)
    {
        _process = process;
        DataFolder = dataFolder;
        Address = address;
        _keepData = keepData;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public string DataFolder { get; }
    public Uri Address { get; }
    public string ApiKey => BenchKey;
    public string WarmupApiKey => WarmupKey;

    /// <summary>Lines the silo logged at Warning or above (its console logger starts them with 'warn:', 'fail:' or 'crit:').</summary>
    public int Warnings
    {
        get
        {
            lock (_output)
            {
                return _warnings;
            }
        }
    }

    /// <summary>The first few warnings, a few lines each, to say what went wrong without a log file.</summary>
    public IReadOnlyList<string> FirstWarnings
    {
        get
        {
            lock (_output)
            {
                return _firstWarnings.ToArray();
            }
        }
    }

    /// <summary>
    /// One line for each warning after the first <paramref name="skip"/> (of the first 10,000): level, category and the
    /// next two lines (the message, and often the exception), e.g. to say what the survivors logged after a silo was killed.
    /// </summary>
    public IReadOnlyList<string> WarningsSince(int skip)
    {
        lock (_output)
        {
            return _headlines.Skip(skip).ToArray();
        }
    }

    /// <summary>How long the silo took to stop after SIGTERM (deactivating, and so snapshotting, every grain).</summary>
    public TimeSpan? ShutdownTime { get; private set; }

    /// <param name="settings">More configuration as environment variables (<c>Attune__Storage__Provider</c>, ...), applied
    /// last so they override the defaults set here.</param>
    public static async Task<SiloProcess> StartAsync(string siloDll, bool keepData, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"{siloDll} does not exist: build the silo first with 'dotnet build -c Release src/Silo'.");
        }
        var data = Directory.CreateTempSubdirectory("attune-bench-http-").FullName;
        var http = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            // The silo's own folder, so it reads its appsettings.json as a deployment would; the environment overrides it.
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{http}");
        // Settings exported in the shell that runs the bench (say, a cluster's from the README) must not reach the silo.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Attune__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["Attune__DataPath"] = data;
        start.Environment[$"Attune__Tenants__{Tenant}__ApiKey"] = BenchKey;
        start.Environment[$"Attune__Tenants__{WarmupTenant}__ApiKey"] = WarmupKey;
        start.Environment["Attune__Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Attune__Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Attune__Orleans__ClusterId"] = "attune-bench";
        start.Environment["Attune__Learners__SnapshotEvery"] = SnapshotEvery.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        // The hourly refactorization (and the daily strategy fit) would put a training run into any measurement that crosses its hour.
        start.Environment["Attune__Jobs__Refactorize__Cron"] = "0 0 1 1 *";
        start.Environment["Attune__Jobs__FitStrategies__Cron"] = "0 0 1 1 *";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var silo = new SiloProcess(process, data, new Uri($"http://127.0.0.1:{http}/"), keepData);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Peak resident set of the silo so far (VmHWM), in MiB.</summary>
    public double PeakWorkingSetMiB() => CpuClock.PeakWorkingSetMiB(Pid);

    public double CpuSeconds() => CpuClock.CpuSeconds(Pid);

    /// <summary>Stops the silo with SIGTERM, as systemd or Kubernetes would, and waits for it to finish shutting down.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            ShutdownTime = clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"The silo did not stop within {timeout.TotalSeconds:0} s of SIGTERM; killing it.");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Kills the silo with SIGKILL, as a crash or the OOM killer would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public string RecentOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(120));
        _process.Dispose();
        if (!_keepData)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        else
        {
            Console.WriteLine($"Kept the HTTP silo's data folder {DataFolder}");
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was healthy:\n{RecentOutput()}");
            }
            try
            {
                using var response = await http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but busy starting
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The silo was not healthy within {timeout.TotalSeconds:0} s:\n{RecentOutput()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) ||
                line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _warnings++;
                _linesAfterWarning = 0;
                _headlineLinesMissing = _headlines.Count < 10_000 ? 2 : 0;
                if (_headlineLinesMissing > 0)
                {
                    _headlines.Add(line.Trim());
                }
            }
            else if (_headlineLinesMissing > 0)
            {
                _headlines[^1] += " " + line.Trim();
                _headlineLinesMissing--;
            }
            // The console logger puts the message on the lines after the level: keep a few of each of the first warnings.
            if (_warnings is > 0 and <= 5 && _linesAfterWarning++ < 3)
            {
                _firstWarnings.Add(line.Trim());
            }
            // Keep the tail only: a warning storm under load must not grow without bound.
            if (_output.Length > 64 * 1024)
            {
                _output.Remove(0, _output.Length - 32 * 1024);
            }
            _output.AppendLine(line);
        }
    }

    private static string NewKey() => "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
