using System.Diagnostics;

namespace Attune.Bench;

/// <summary>Per-operation latencies in <see cref="Stopwatch"/> ticks, one slot per operation so workers record without locks.</summary>
public sealed class Latencies
{
    private readonly long[] _ticks;
    private long[]? _sorted;

    public Latencies(int count) => _ticks = new long[count];

    public Latencies(IEnumerable<long> ticks) => _ticks = ticks.ToArray();

    public int Count => _ticks.Length;

    public void Record(int index, long ticks)
    {
        _ticks[index] = ticks;
        _sorted = null;
    }

    /// <summary>The nearest-rank percentile in milliseconds (p in 0..100).</summary>
    public double Percentile(double p)
    {
        if (_ticks.Length == 0)
        {
            return double.NaN;
        }
        var sorted = _sorted ??= _ticks.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Milliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    public double Max => Percentile(100);

    public double Mean => _ticks.Length == 0 ? double.NaN : Milliseconds((long)_ticks.Average());

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
