using System.Globalization;

namespace Attune.Bench;

/// <summary>The command line: <c>[--events N] [--learners 10000] [--clients 8] [--batch 100] [--mode all|http|direct|recs]</c> and a few knobs.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        Attune load generator: events/s into the journal and grains, and recommendation latency, on real OULAD data.

          dotnet run -c Release --project bench/Attune.Bench -- [options]

          --mode all|http|direct|recs  what to run (default all)
                                       http:   HTTP ingestion into the real silo process
                                       recs:   HTTP ingestion (to load), then recommendation latency over HTTP
                                       direct: in-process EventIngestor, journal alone, one-transaction-per-batch baseline,
                                               ingestion stages, recommendation latency straight to the grain
                                       all:    recs + direct
          --events N        events to send (default 0: every graded row of the chosen learners, then the same rows
                            again as 'viewed'); more than the graded rows adds 'viewed' replays
          --learners N      first N distinct learners of studentAssessment.csv (default 10000)
          --clients N       concurrent clients (default 8)
          --batch N         events per batch (default 100)
          --recs N          recommendation requests per measurement (default 5000)
          --warmup N        warm-up batches, sent under a separate tenant before measuring and reported as the
                            cold-silo row (default: all of them, one full pass)
          --data PATH       the shared data folder (default ../shared/data beside the repository)
          --silo PATH       the silo's Attune.Silo.dll (default src/Silo/bin/Release/net10.0/Attune.Silo.dll)
          --wait-idle S     before each part, wait up to S seconds for the machine to be 85 % idle (default 0: do not wait)
          --keep            keep the temporary data folders (their paths are printed)
        """;

    public string Mode { get; private set; } = "all";
    public int Events { get; private set; }
    public int Learners { get; private set; } = 10_000;
    public int Clients { get; private set; } = 8;
    public int BatchSize { get; private set; } = 100;
    public int Recommendations { get; private set; } = 5_000;
    public int WarmupBatches { get; private set; } = int.MaxValue;
    public string? DataPath { get; private set; }
    public string? SiloPath { get; private set; }
    public bool Keep { get; private set; }
    public TimeSpan WaitIdle { get; private set; }

    public bool RunsHttp => Mode is "all" or "http" or "recs";
    public bool RunsRecommendations => Mode is "all" or "recs";
    public bool RunsDirect => Mode is "all" or "direct";

    /// <summary>Parses the arguments; returns <c>null</c> and prints the usage on <c>--help</c> or an error.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
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
                    case "--mode":
                        options.Mode = Value();
                        if (options.Mode is not ("all" or "http" or "direct" or "recs"))
                        {
                            throw new ArgumentException("--mode must be all, http, direct or recs");
                        }
                        break;
                    case "--events": options.Events = Count(0); break;
                    case "--learners": options.Learners = Count(1); break;
                    case "--clients": options.Clients = Count(1); break;
                    case "--batch": options.BatchSize = Count(1); break;
                    case "--recs": options.Recommendations = Count(1); break;
                    case "--warmup": options.WarmupBatches = Count(0); break;
                    case "--data": options.DataPath = Value(); break;
                    case "--silo": options.SiloPath = Value(); break;
                    case "--keep": options.Keep = true; break;
                    case "--wait-idle": options.WaitIdle = TimeSpan.FromSeconds(Count(0)); break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return null;
                    default:
                        throw new ArgumentException($"unknown option {arg}");
                }
            }
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"attune-bench: {ex.Message}\n");
            Console.Error.WriteLine(Usage);
            return null;
        }
        return options;
    }
}
