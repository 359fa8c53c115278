namespace Attune.Silo.Hosting;

/// <summary>
/// The machine's clock shifted by an offset that an admin moves forward (<see cref="TryMoveTo"/>). Time keeps
/// flowing between moves, so durations measured with <see cref="TimeProvider.GetUtcNow"/> stay right; timestamps and
/// timers (<see cref="TimeProvider.GetTimestamp"/>, <see cref="TimeProvider.CreateTimer"/>) are the base class's
/// real ones.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly TimeProvider _machine;
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public ManualClock(TimeProvider machine, DateTimeOffset? start)
    {
        _machine = machine;
        _offset = start is { } s ? s - machine.GetUtcNow() : TimeSpan.Zero;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _machine.GetUtcNow() + _offset;
        }
    }

    /// <summary>
    /// Moves the clock to <paramref name="now"/>, which must not be before the clock's current time: journal order,
    /// "minutes spent today" and fitted models all assume time never runs backwards.
    /// </summary>
    public bool TryMoveTo(DateTimeOffset now, out DateTimeOffset current)
    {
        lock (_gate)
        {
            var machine = _machine.GetUtcNow();
            current = machine + _offset;
            if (now < current)
            {
                return false;
            }
            _offset = now - machine;
            current = now;
            return true;
        }
    }
}
