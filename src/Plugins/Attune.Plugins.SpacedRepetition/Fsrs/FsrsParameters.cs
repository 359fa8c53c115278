using System.Globalization;

namespace Attune.Plugins.SpacedRepetition.Fsrs;

/// <summary>
/// The 21 weights of FSRS-6 with the requested retention and the longest interval, clamped exactly as ts-fsrs 5.x
/// clamps them for its long-term scheduler (<c>CLAMP_PARAMETERS</c> with <c>enable_short_term = false</c>).
/// </summary>
public sealed class FsrsParameters
{
    /// <summary>How many weights FSRS-6 has.</summary>
    public const int Count = 21;

    /// <summary>
    /// FSRS-6's default weights, as ts-fsrs 5.4.2 ships them (<c>default_w</c>): w0–w3 initial stability per rating,
    /// w4–w7 difficulty, w8–w10 stability after recall, w11–w14 after a lapse, w15 hard penalty, w16 easy bonus,
    /// w17–w19 same-day (short-term) reviews, w20 the decay of the forgetting curve.
    /// </summary>
    public static IReadOnlyList<double> DefaultWeights { get; } =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>The bounds of each weight (ts-fsrs <c>CLAMP_PARAMETERS(2, false)</c>).</summary>
    public static IReadOnlyList<(double Min, double Max)> Bounds { get; } =
    [
        (0.001, 100), (0.001, 100), (0.001, 100), (0.001, 100), (1, 10), (0.001, 4), (0.001, 4), (0.001, 0.75), (0, 4.5),
        (0, 0.8), (0.001, 3.5), (0.001, 5), (0.001, 0.25), (0.001, 0.9), (0, 4), (0, 1), (1, 6), (0, 2), (0, 2), (0, 0.8), (0.1, 0.8),
    ];

    private readonly double[] _w;

    /// <summary>Creates parameters; weights are clamped into <see cref="Bounds"/> as ts-fsrs does.</summary>
    /// <exception cref="ArgumentException">Not 21 finite weights, a retention outside (0, 1], or a maximum interval below 1.</exception>
    public FsrsParameters(IReadOnlyList<double>? weights = null, double requestRetention = 0.9, int maximumInterval = 36500)
    {
        weights ??= DefaultWeights;
        if (weights.Count != Count || weights.Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException($"FSRS-6 needs {Count} finite weights.", nameof(weights));
        }
        if (!(requestRetention > 0 && requestRetention <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(requestRetention), requestRetention, "The requested retention must be in (0, 1].");
        }
        if (maximumInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumInterval), maximumInterval, "The longest interval is at least one day.");
        }
        _w = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            _w[i] = Math.Clamp(weights[i], Bounds[i].Min, Bounds[i].Max);
        }
        RequestRetention = requestRetention;
        MaximumInterval = maximumInterval;
    }

    /// <summary>The defaults: FSRS-6 weights, 90% retention, intervals up to 100 years.</summary>
    public static FsrsParameters Default { get; } = new();

    /// <summary>The clamped weights.</summary>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>w_i.</summary>
    public double this[int i] => _w[i];

    /// <summary>The recall probability reviews are scheduled for.</summary>
    public double RequestRetention { get; }

    /// <summary>The longest interval, in days.</summary>
    public int MaximumInterval { get; }

    /// <summary>The same retention and maximum with other weights.</summary>
    public FsrsParameters WithWeights(IReadOnlyList<double> weights) => new(weights, RequestRetention, MaximumInterval);

    /// <summary>The weights as one comma-separated line (round-trip format), as the <c>Weights</c> setting takes them.</summary>
    public string WeightsText() => string.Join(",", _w.Select(w => w.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Parses a <c>Weights</c> setting: 21 comma-separated numbers.</summary>
    /// <exception cref="FormatException">Not 21 numbers.</exception>
    public static double[] ParseWeights(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
            {
                throw new FormatException($"FSRS weight {i} is '{parts[i]}', not a number.");
            }
        }
        return weights.Length == Count ? weights : throw new FormatException($"FSRS-6 needs {Count} weights, got {weights.Length}.");
    }
}
