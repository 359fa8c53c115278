namespace Attune.Plugins;

/// <summary>
/// A plugin's state for one learner: bytes only the plugin understands, with a version the plugin chooses.
/// The host stores and returns them untouched, so it never needs the plugin's types; when a new plugin version
/// changes its format, it reads <see cref="Version"/> and upgrades old bytes.
/// </summary>
/// <param name="Version">The plugin's own format version; 0 with empty <paramref name="Data"/> means "no state yet".</param>
/// <param name="Data">The serialized state.</param>
public readonly record struct PluginState(int Version, ReadOnlyMemory<byte> Data)
{
    /// <summary>No state yet: the learner has not been observed by this plugin.</summary>
    public static PluginState Empty => default;

    /// <summary>Whether this is <see cref="Empty"/>.</summary>
    public bool IsEmpty => Version == 0 && Data.IsEmpty;
}
