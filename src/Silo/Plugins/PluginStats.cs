namespace Attune.Silo.Plugins;

/// <summary>Counters and recent call times of one plugin, kept across reloads of the plugin. Thread-safe.</summary>
public sealed class PluginStats
{
    private const int Window = 2048;
    private readonly object _gate = new();
    private readonly double[] _recentMilliseconds = new double[Window];
    private int _next;
    private int _filled;
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _unlogged;
    private readonly HashSet<(long Generation, string Operation)> _warm = [];

    public long Calls { get; private set; }
    public long Failures { get; private set; }
    public long Timeouts { get; private set; }
    public long Skipped { get; private set; }
    public string? LastFailure { get; private set; }
    public DateTimeOffset? QuarantinedUntil { get; private set; }

    /// <summary>Whether an operation of this generation of the plugin has completed once (its code is compiled).</summary>
    public bool IsWarm(long generation, string operation)
    {
        lock (_gate)
        {
            return _warm.Contains((generation, operation));
        }
    }

    public void MarkWarm(long generation, string operation)
    {
        lock (_gate)
        {
            _warm.Add((generation, operation));
        }
    }

    public bool IsQuarantined(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (QuarantinedUntil is { } until && until > now)
            {
                Skipped++;
                return true;
            }
            return false;
        }
    }

    public void Succeeded(double milliseconds)
    {
        lock (_gate)
        {
            Calls++;
            Record(milliseconds);
        }
    }

    public void Failed(double milliseconds, string failure, DateTimeOffset? quarantineUntil = null)
    {
        lock (_gate)
        {
            Calls++;
            Failures++;
            if (quarantineUntil is not null)
            {
                Timeouts++;
                QuarantinedUntil = quarantineUntil;
            }
            LastFailure = failure;
            Record(milliseconds);
        }
    }

    /// <summary>A new version was loaded: give it a fresh chance.</summary>
    public void ClearQuarantine()
    {
        lock (_gate)
        {
            QuarantinedUntil = null;
        }
    }

    /// <summary>Whether to log a failure now; failures are logged at most once per interval, with a count of those skipped.</summary>
    public bool ShouldLog(DateTimeOffset now, TimeSpan interval, out int suppressed)
    {
        lock (_gate)
        {
            if (now - _lastLogged >= interval)
            {
                suppressed = _unlogged;
                _unlogged = 0;
                _lastLogged = now;
                return true;
            }
            _unlogged++;
            suppressed = 0;
            return false;
        }
    }

    /// <summary>The 99th percentile of the last calls' durations, in milliseconds.</summary>
    public double? P99Milliseconds
    {
        get
        {
            lock (_gate)
            {
                if (_filled == 0)
                {
                    return null;
                }
                var sorted = _recentMilliseconds[.._filled];
                Array.Sort(sorted);
                return Math.Round(sorted[Math.Min(_filled - 1, (int)Math.Ceiling(0.99 * _filled) - 1)], 3);
            }
        }
    }

    private void Record(double milliseconds)
    {
        _recentMilliseconds[_next] = milliseconds;
        _next = (_next + 1) % Window;
        _filled = Math.Min(_filled + 1, Window);
    }
}
