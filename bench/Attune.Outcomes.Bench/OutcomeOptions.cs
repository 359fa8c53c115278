using System.Globalization;
using Attune.Outcomes.Bench.Simulation;

namespace Attune.Outcomes.Bench;

/// <summary>Command-line options (see bench/README.md, "Attune.Outcomes.Bench").</summary>
public sealed record OutcomeOptions
{
    public IReadOnlyList<CourseFamily> Families { get; init; } = CourseFamily.All;
    public IReadOnlyList<BenchConfiguration> Configurations { get; init; } = BenchConfiguration.Standard;
    public int Learners { get; init; } = 30;
    public int PriorLearners { get; init; } = 30;
    public int Days { get; init; } = 21;
    public double MinutesPerDay { get; init; } = 40;
    public int Seed { get; init; } = 20261203;
    public Uri? Silo { get; init; }
    public string? SiloDll { get; init; }
    public string? Data { get; init; }
    public bool Tracing { get; init; } = true;
    public int Parallel { get; init; } = 8;
    public bool Quick { get; init; }
    public bool PrintSettings { get; init; }
    public bool Keep { get; init; }

    /// <summary><c>--setting KEY=VALUE</c>: silo settings on top of the bench's own (e.g. a plugin's setting), in configuration-key form.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--trace CONFIG/LEARNER</c>: print that learner's days under that configuration.</summary>
    public (string Configuration, string Learner)? Trace { get; init; }

    public const string AdminUser = "admin";
    public const string AdminPassword = "outcomes-bench-admin-password";

    public static OutcomeOptions Parse(string[] args)
    {
        var options = new OutcomeOptions();
        string? families = null, configs = null;
        var stacks = new List<BenchConfiguration>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--families": families = Next(); break;
                case "--configs": configs = Next(); break;
                case "--learners": options = options with { Learners = Number() }; break;
                case "--prior": options = options with { PriorLearners = Number() }; break;
                case "--days": options = options with { Days = Number() }; break;
                case "--minutes": options = options with { MinutesPerDay = Number() }; break;
                case "--seed": options = options with { Seed = Number() }; break;
                case "--stack": stacks.Add(BenchConfiguration.ParseStack(Next())); break;
                case "--silo": options = options with { Silo = new Uri(Next().TrimEnd('/') + "/") }; break;
                case "--silo-dll": options = options with { SiloDll = Next() }; break;
                case "--data": options = options with { Data = Next() }; break;
                case "--no-tracing": options = options with { Tracing = false }; break;
                case "--parallel": options = options with { Parallel = Number() }; break;
                case "--quick": options = options with { Quick = true, Learners = 8, PriorLearners = 8, Days = 6, Tracing = false }; break;
                case "--print-settings": options = options with { PrintSettings = true }; break;
                case "--keep": options = options with { Keep = true }; break;
                case "--setting":
                    var setting = Next().Split('=', 2);
                    options = options with
                    {
                        Settings = new Dictionary<string, string>(options.Settings)
                        {
                            [setting.Length == 2 ? setting[0].Replace(":", "__", StringComparison.Ordinal) : throw new ArgumentException("--setting is KEY=VALUE, e.g. Attune:Plugins:Settings:study-planner:ReviewMargin=2.")] = setting[1],
                        },
                    };
                    break;
                case "--trace":
                    var trace = Next().Split('/', 2);
                    options = options with { Trace = trace.Length == 2 ? (trace[0], trace[1]) : throw new ArgumentException("--trace is CONFIG/LEARNER, e.g. default/base-03.") };
                    break;
                case "--help" or "-h": throw new HelpRequested();
                default: throw new ArgumentException($"Unknown option {args[i]}; --help lists them.");
            }
        }
        if (families is not null)
        {
            options = options with { Families = [.. families.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CourseFamily.Find)] };
        }
        var all = BenchConfiguration.Standard.Concat(stacks).ToList();
        var chosen = configs is null
            ? all
            : [.. configs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => all.FirstOrDefault(c => c.Key == k) ?? throw new ArgumentException($"--configs: unknown '{k}'; known: {string.Join(", ", all.Select(c => c.Key))}."))];
        // Course order and the all-seeing planner are the two ends of every gap: always measured.
        foreach (var end in new[] { "order", "oracle" })
        {
            if (chosen.All(c => c.Key != end))
            {
                chosen.Insert(end == "order" ? 0 : chosen.Count, all.First(c => c.Key == end));
            }
        }
        chosen.AddRange(stacks.Where(s => !chosen.Contains(s)));
        if (chosen.Select(c => c.Key).Distinct().Count() != chosen.Count)
        {
            throw new ArgumentException("Two configurations have the same name.");
        }
        if (options.Learners < 1 || options.Days < 1 || options.PriorLearners < 0)
        {
            throw new ArgumentException("--learners and --days must be at least 1, --prior at least 0.");
        }
        return options with { Configurations = chosen };
    }

    public const string Usage = """
        dotnet run -c Release --project bench/Attune.Outcomes.Bench -- [options]
          --families a,b,...    course families (default all): base, poor-order, too-much, fast-forgetting, kinds-mislead, no-prerequisites, speeds
          --configs a,b,...     configurations (default all): order, default, attention-planner, knowledge-tracing, spaced-repetition, mf-kt, oracle, and --stack names
          --stack name=rec:s1,s2  one more plugin stack, its own tenant (either side may be empty: baseline recommender, no strategies); repeatable
          --learners N          simulated learners per family and configuration (default 30)
          --prior N             learners of the earlier cohort journaled first in every tenant (default 30)
          --days N              days of the term (default 21)
          --minutes N           minutes per day, the learners' profile (default 40)
          --seed N              seed of courses, learners and answers (default 20261203)
          --silo URL            use a silo already running (start it with the settings --print-settings prints)
          --silo-dll PATH       start this Attune.Silo.dll (default: src/Silo's Release build)
          --print-settings      print the silo settings (environment variables) for the chosen configurations and exit
          --no-tracing          skip next-answer AUC on ASSISTments 2009 and 2015
          --parallel N          learners simulated at once (default 8)
          --quick               8 learners, 8 earlier, 6 days, no tracing: under 2 minutes
          --data PATH           the shared data folder (default ../shared/data beside the repository)
          --keep                keep the silo's data folder
          --setting KEY=VALUE   one more silo setting, e.g. Attune:Plugins:Settings:study-planner:ReviewMargin=2 (repeatable)
          --trace CONFIG/LEARNER  print one learner's days: plans, steps, hidden gains and reasons (e.g. default/base-03)
        """;

    /// <summary>Thrown to print the usage.</summary>
    public sealed class HelpRequested : Exception;
}
