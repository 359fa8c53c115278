using Attune.Silo.Learners;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Plugins;

public static class PluginHostingExtensions
{
    /// <summary>The plugin registry (scanned at start-up), the invoker, the selector, and the per-learner pipeline.</summary>
    public static IServiceCollection AddAttunePlugins(this IServiceCollection services)
    {
        services.AddOptions<PluginOptions>().BindConfiguration(PluginOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PluginOptions>, PluginOptionsValidator>();
        services.AddSingleton<PluginRegistry>();
        services.AddSingleton<PluginInvoker>();
        services.AddSingleton<PluginSelector>();
        services.AddSingleton<LearnerPipeline>();
        // Learners observe, plan and describe with their trainable strategies' serving models (versions in ModelStore).
        services.AddSingleton<Models.StrategyModelCache>();
        services.AddHostedService<PluginStartup>();
        return services;
    }

    private sealed class PluginStartup(PluginRegistry registry, PluginSelector selector, ILogger<PluginStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            registry.Rescan();
            var status = registry.Status();
            logger.LogInformation("Plugins from {Path}: {Loaded} loaded ({Names}), {Failed} folders failed",
                registry.PluginPath, status.Sum(f => f.Plugins.Count), status.SelectMany(f => f.Plugins).Select(p => p.Label),
                status.Count(f => f.LoadError is not null));
            foreach (var missing in selector.Usages().Select(u => u.Key).Where(name => registry.Find(name) is null))
            {
                logger.LogWarning("Plugin {Plugin} is configured ({Where}) but not loaded; the baseline serves there until it is",
                    missing, string.Join("; ", selector.Usages()[missing]));
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
