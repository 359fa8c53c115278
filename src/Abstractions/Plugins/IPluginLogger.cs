namespace Attune.Plugins;

/// <summary>
/// A structured logger for plugins. Message templates use named holes (<c>"Trained {Items} items"</c>), filled in order
/// from the arguments of <see cref="Log"/>; the host adds the plugin's name to every entry.
/// Never log secrets or learners' personal data.
/// </summary>
public interface IPluginLogger
{
    /// <summary>Whether entries of this level are recorded; check before building expensive arguments.</summary>
    bool IsEnabled(PluginLogLevel level);

    /// <summary>Records one entry.</summary>
    void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args);
}
