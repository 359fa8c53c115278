using System.Globalization;

namespace Attune.Strategies.Bench;

/// <summary>Command-line options (see README.md).</summary>
internal sealed record BenchOptions
{
    public string Part { get; init; } = "all";
    public int Learners { get; init; } = 300;
    public int CalibrationLearners { get; init; } = 150;
    public int Days { get; init; } = 35;
    public int Seed { get; init; } = 20261129;
    public string? Data { get; init; }
    public string? TracePolicy { get; init; }
    public int TraceLearner { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--part" => options with { Part = Next() },
                "--learners" => options with { Learners = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--calibration" => options with { CalibrationLearners = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--days" => options with { Days = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--data" => options with { Data = Next() },
                "--trace" => options with { TracePolicy = Next(), TraceLearner = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new ArgumentException($"Unknown option {args[i]}; --help lists them."),
            };
        }
        if (options.Part is not ("all" or "tracing" or "simulation"))
        {
            throw new ArgumentException("--part is all, tracing or simulation.");
        }
        return options;
    }

    public const string Usage = """
        dotnet run -c Release --project bench/Attune.Strategies.Bench -- [options]
          --part all|tracing|simulation   what to run (default all)
          --learners N                    simulated learners per policy (default 300)
          --calibration N                 learners of the calibration cohort the KT parameters are fitted on (default 150)
          --days N                        days of term (default 35)
          --seed N                        seed of everything random (default 20261129)
          --data PATH                     the shared data folder (default: ../shared/data beside the repository)
          --trace POLICY N                print learner N's days under the policy whose name starts with POLICY
        """;

    /// <summary>Thrown to print the usage.</summary>
    public sealed class HelpRequested : Exception;
}
