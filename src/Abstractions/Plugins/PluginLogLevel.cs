namespace Attune.Plugins;

/// <summary>How severe a plugin log entry is.</summary>
public enum PluginLogLevel
{
    /// <summary>Detail for diagnosing the plugin.</summary>
    Debug,

    /// <summary>Normal operation worth recording.</summary>
    Information,

    /// <summary>Something unexpected the plugin recovered from.</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,
}
