using System.Globalization;

namespace Attune.Cluster.Bench;

/// <summary>The command line: <c>[--events 100000] [--clients 8] [--batch 100] [--configurations sqlite,pg1,pg3]</c> and a few knobs.</summary>
public sealed class ClusterBenchOptions
{
    public const string Usage = """
        Attune cluster bench: events/s and recommendation latency over HTTP with 1 and 3 silos in Postgres mode
        (PostgreSQL journal, Redis membership) beside 1 silo on SQLite, then SIGKILL one of the 3 silos under load.

          dotnet run -c Release --project bench/Attune.Cluster.Bench -- [options]

          --configurations LIST  which rows, in order (default sqlite,pg1,pg3): 'sqlite' is 1 silo on the embedded
                            SQLite files; 'pgN' is N silos on one PostgreSQL database with Redis membership
          --events N        events in the measured pass (default 100000), taken from OULAD's graded rows and
                            then the same rows again as 'viewed'
          --learners N      first N distinct learners of studentAssessment.csv (default 10000)
          --clients N       concurrent clients (default 8)
          --batch N         events per batch (default 100)
          --warmup N        batches sent under a separate tenant right after the silos start, reported as the
                            cold rows (default 300)
          --recs N          recommendation requests per latency run (default 5000)
          --no-recovery     skip the SIGKILL run (it runs on the last configuration with 2 or more silos)
          --kill-after S    seconds of load before the SIGKILL (default 10)
          --recovery-timeout S  how long to wait for the survivors to serve every learner (default 180)
          --postgres CS     an Npgsql connection string of a role that may create databases (default:
                            $ATTUNE_TEST_POSTGRES, else what .ci/services prints after starting PostgreSQL and Redis)
          --redis CONFIG    Redis for membership (default: $ATTUNE_TEST_REDIS, else from .ci/services)
          --data PATH       the shared data folder (default ../shared/data beside the repository)
          --silo PATH       the silo's Attune.Silo.dll (default src/Silo/bin/Release/net10.0/Attune.Silo.dll)
          --wait-idle S     before each configuration, wait up to S seconds for the machine to be 85 % idle (default 0)
          --keep            keep the silos' data folders and the PostgreSQL databases
        """;

    public IReadOnlyList<ClusterConfiguration> Configurations { get; private set; } = ClusterConfiguration.Defaults;
    public int Events { get; private set; } = 100_000;
    public int Learners { get; private set; } = 10_000;
    public int Clients { get; private set; } = 8;
    public int BatchSize { get; private set; } = 100;
    public int WarmupBatches { get; private set; } = 300;
    public int Recommendations { get; private set; } = 5_000;
    public bool Recovery { get; private set; } = true;
    public TimeSpan KillAfter { get; private set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RecoveryTimeout { get; private set; } = TimeSpan.FromSeconds(180);
    public string? Postgres { get; private set; }
    public string? Redis { get; private set; }
    public string? DataPath { get; private set; }
    public string? SiloPath { get; private set; }
    public TimeSpan WaitIdle { get; private set; }
    public bool Keep { get; private set; }

    /// <summary>Parses the arguments; returns <c>null</c> and prints the usage on <c>--help</c> or an error.</summary>
    public static ClusterBenchOptions? Parse(string[] args)
    {
        var options = new ClusterBenchOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
                int Count(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"{arg} must be a whole number of at least {min}");
                switch (arg)
                {
                    case "--configurations":
                        options.Configurations = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(ClusterConfiguration.Parse).ToList();
                        break;
                    case "--events": options.Events = Count(1); break;
                    case "--learners": options.Learners = Count(1); break;
                    case "--clients": options.Clients = Count(1); break;
                    case "--batch": options.BatchSize = Count(1); break;
                    case "--warmup": options.WarmupBatches = Count(0); break;
                    case "--recs": options.Recommendations = Count(1); break;
                    case "--no-recovery": options.Recovery = false; break;
                    case "--kill-after": options.KillAfter = TimeSpan.FromSeconds(Count(1)); break;
                    case "--recovery-timeout": options.RecoveryTimeout = TimeSpan.FromSeconds(Count(10)); break;
                    case "--postgres": options.Postgres = Value(); break;
                    case "--redis": options.Redis = Value(); break;
                    case "--data": options.DataPath = Value(); break;
                    case "--silo": options.SiloPath = Value(); break;
                    case "--wait-idle": options.WaitIdle = TimeSpan.FromSeconds(Count(0)); break;
                    case "--keep": options.Keep = true; break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return null;
                    default:
                        throw new ArgumentException($"unknown option {arg}");
                }
            }
            if (options.Configurations.Count == 0)
            {
                throw new ArgumentException("--configurations names no configuration");
            }
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"attune-cluster-bench: {ex.Message}\n");
            Console.Error.WriteLine(Usage);
            return null;
        }
        return options;
    }
}
