using Attune.Plugins;

namespace Attune.Silo.Plugins;

/// <summary>Forwards a plugin's log entries to the host's structured logging, under a category naming the plugin.</summary>
internal sealed class HostPluginLogger(ILogger logger) : IPluginLogger
{
    public bool IsEnabled(PluginLogLevel level) => logger.IsEnabled(Map(level));

    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
#pragma warning disable CA2254 // the template comes from the plugin: it is still a template, never interpolated here
        logger.Log(Map(level), exception, messageTemplate, args);
#pragma warning restore CA2254
    }

    private static LogLevel Map(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => LogLevel.Debug,
        PluginLogLevel.Information => LogLevel.Information,
        PluginLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
