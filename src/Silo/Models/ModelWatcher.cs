using System.Diagnostics;
using Attune.Silo.Learners;
using Attune.Silo.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Models;

/// <summary>
/// Publishes new model versions on this silo: every refresh interval it reads which version serves each recommender of
/// each tenant with active learners here; when that changes (trained or promoted on any silo), it drops the cached model
/// and asks this silo's active learners to refold against the new one, a few at a time so requests keep flowing.
/// Inactive learners refold lazily on their next event or request.
/// </summary>
public sealed class ModelWatcher(
    ActiveLearners active, ModelStore store, ModelCache cache, PluginSelector selector, IGrainFactory grains,
    IOptions<ModelOptions> options, ILogger<ModelWatcher> logger) : BackgroundService
{
    private const int ParallelRefolds = 8;
    private readonly Dictionary<(string Tenant, string Recommender), long?> _seen = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking for new model versions failed; trying again in {Interval}", options.Value.RefreshInterval);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in active.Tenants)
        {
            foreach (var recommender in selector.RecommendersOfTenant(tenant))
            {
                var serving = store.ServingVersion(tenant, recommender);
                var key = (tenant.Value, recommender);
                var known = _seen.TryGetValue(key, out var before);
                if (known && before == serving)
                {
                    continue;
                }
                _seen[key] = serving;
                if (!known)
                {
                    continue; // first look: nothing changed that active learners could have folded against
                }
                cache.Invalidate(tenant, recommender);
                var learners = active.Of(tenant);
                var started = Stopwatch.GetTimestamp();
                await Parallel.ForEachAsync(learners, new ParallelOptions { MaxDegreeOfParallelism = ParallelRefolds, CancellationToken = cancellationToken },
                    async (learner, _) => await grains.GetLearner(tenant, learner).RefoldAsync());
                logger.LogInformation("Model {Recommender} v{Version} serves tenant {Tenant}; {Learners} active learners refolded in {Milliseconds:0} ms",
                    recommender, serving, tenant.Value, learners.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
