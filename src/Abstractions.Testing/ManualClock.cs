namespace Attune.Plugins.Testing;

/// <summary>
/// A clock that only moves when the test moves it, to give a plugin the same "now" on every run
/// (<see cref="PluginContext.Clock"/>, <see cref="ScoringContext.Now"/>, <see cref="PlanningContext.Now"/>).
/// </summary>
/// <remarks>
/// Time is UTC, like the host's. <see cref="TimeProvider.GetTimestamp"/> follows the manual time too, so a plugin that
/// measures elapsed time with the clock sees only what the test advanced. Timers are refused: a plugin call runs
/// synchronously under a budget of milliseconds, so a plugin has no use for one, and a timer that never fires would
/// make a test hang instead of fail.
/// </remarks>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    /// <summary>Starts the clock at <paramref name="start"/>, converted to UTC.</summary>
    public ManualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>The current time.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <inheritdoc />
    public override long GetTimestamp() => Now.UtcTicks;

    /// <summary>Moves the clock forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative: time in a replay never runs backwards.</exception>
    public ManualClock Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _now += by;
        }
        return this;
    }

    /// <summary>Sets the clock to <paramref name="now"/>, converted to UTC; it may move backwards, for a test that replays a scenario.</summary>
    public ManualClock Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now.ToUniversalTime();
        }
        return this;
    }

    /// <summary>Refused: plugins have no use for timers (see the remarks on <see cref="ManualClock"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException(
            "ManualClock does not run timers: plugin calls are synchronous and run under a time budget of milliseconds, so a plugin should not start timers.");
}
