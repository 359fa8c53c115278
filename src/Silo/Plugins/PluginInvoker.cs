using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Plugins;

/// <summary>
/// Runs every plugin call under a time budget, checks what it returns, and turns any failure (exception, overrun,
/// garbage, quarantine) into a <see cref="PluginCall{T}"/> the caller answers with the baseline. A call that overruns
/// cannot be aborted in .NET, so the plugin is quarantined for a while instead: its stuck thread costs one thread,
/// and no further event or request waits on it.
/// </summary>
public sealed class PluginInvoker(IOptions<PluginOptions> options, TimeProvider clock, ILogger<PluginInvoker> logger)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private readonly PluginOptions _options = options.Value;

    /// <summary>The budget of one per-event or per-request call.</summary>
    public TimeSpan CallBudget => _options.CallBudget;

    /// <param name="plugin">The plugin, freshly resolved from the registry.</param>
    /// <param name="operation">What is being called, for logs and admins (<c>score</c>, <c>plan</c>, ...).</param>
    /// <param name="call">The call; runs on the thread pool.</param>
    /// <param name="validate">Returns why a result is garbage, or <c>null</c> when it is usable.</param>
    /// <param name="budget">Overrides <see cref="CallBudget"/>, e.g. for a batch of events.</param>
    public async Task<PluginCall<T>> InvokeAsync<T>(LoadedPlugin plugin, string operation, Func<T> call, Func<T, string?> validate, TimeSpan? budget = null)
    {
        var stats = plugin.Stats;
        if (stats.IsQuarantined(clock.GetUtcNow()))
        {
            return PluginCall<T>.Fail($"skipped: quarantined until {stats.QuarantinedUntil:HH:mm:ss} after overrunning its budget");
        }
        var limit = budget ?? _options.CallBudget;
        var cold = !stats.IsWarm(plugin.Generation, operation);
        var graced = cold && _options.FirstCallBudget > limit;
        if (graced)
        {
            limit = _options.FirstCallBudget; // the first call compiles the plugin's code: grace, once per operation
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Task.Run(call).WaitAsync(limit);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (cold)
            {
                stats.MarkWarm(plugin.Generation, operation);
            }
            if (validate(result) is { } garbage)
            {
                return Failed<T>(plugin, operation, elapsed, $"returned garbage from {operation}: {garbage}", null);
            }
            stats.Succeeded(elapsed);
            return PluginCall<T>.Ok(result);
        }
        catch (TimeoutException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return Failed<T>(plugin, operation, elapsed, $"{operation} overran its {limit.TotalMilliseconds:0.#} ms {(graced ? "first-call " : "")}budget",
                clock.GetUtcNow() + _options.QuarantineAfterTimeout);
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return Failed<T>(plugin, operation, elapsed, $"{operation} threw {ex.GetType().Name}: {ex.Message}", null, ex);
        }
    }

    private PluginCall<T> Failed<T>(LoadedPlugin plugin, string operation, double elapsed, string failure, DateTimeOffset? quarantineUntil, Exception? ex = null)
    {
        plugin.Stats.Failed(elapsed, failure, quarantineUntil);
        if (plugin.Stats.ShouldLog(clock.GetUtcNow(), LogInterval, out var suppressed))
        {
            logger.LogWarning(ex, "Plugin {Plugin} failed ({Operation}): {Failure}; the baseline served instead ({Suppressed} similar failures not logged)",
                plugin.Label, operation, failure, suppressed);
        }
        return PluginCall<T>.Fail(failure);
    }
}
