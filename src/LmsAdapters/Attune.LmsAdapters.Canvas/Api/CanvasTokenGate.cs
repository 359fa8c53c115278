using System.Collections.Concurrent;

namespace Attune.LmsAdapters.Canvas;

/// <summary>
/// The one gate every request of a token at a Canvas instance passes, shared by all <see cref="CanvasClient"/>s
/// of that token in the process (a scheduled sync and a sync-now of one connection, two connections sharing a
/// token): at most N requests in flight, and a shared pause after Canvas throttles or the quota runs low, so
/// one client's 429 slows every client of the token instead of each finding out for itself.
/// </summary>
/// <remarks>Gates are kept for the life of the process, keyed by a hash of origin and token: one small object per token.</remarks>
internal sealed class CanvasTokenGate
{
    private static readonly ConcurrentDictionary<string, CanvasTokenGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private DateTimeOffset _resumeAt = DateTimeOffset.MinValue;
    private CanvasRateLimit? _last;

    private CanvasTokenGate(int width)
    {
        Width = width;
        _slots = new SemaphoreSlim(width, width);
    }

    /// <summary>How many requests may be in flight.</summary>
    public int Width { get; }

    /// <summary>The throttling headers of the token's last answer.</summary>
    public CanvasRateLimit? LastRateLimit
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    public static CanvasTokenGate For(CanvasConnection connection, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return Gates.GetOrAdd(connection.GateKey, static (_, w) => new CanvasTokenGate(w), width);
    }

    /// <summary>Takes a slot, then waits out any pause the token is under; holding the slot meanwhile keeps others waiting too.</summary>
    public async Task EnterAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    wait = _resumeAt - time.GetUtcNow();
                }
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Exit() => _slots.Release();

    /// <summary>Makes every request of the token wait until at least <paramref name="until"/>.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _resumeAt)
            {
                _resumeAt = until;
            }
        }
    }

    public void Observe(CanvasRateLimit rateLimit)
    {
        lock (_lock)
        {
            _last = rateLimit;
        }
    }
}
