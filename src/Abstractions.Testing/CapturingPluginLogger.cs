namespace Attune.Plugins.Testing;

/// <summary>
/// A plugin logger that keeps every entry for assertions: what the plugin logged, at which level, with which values.
/// Thread-safe, because the host calls plugins concurrently and a test may too.
/// </summary>
public sealed class CapturingPluginLogger : IPluginLogger
{
    private readonly object _gate = new();
    private readonly List<PluginLogEntry> _entries = [];

    /// <summary>Entries below this level are not recorded and <see cref="IsEnabled"/> says so; <see cref="PluginLogLevel.Debug"/> by default, to see everything.</summary>
    public PluginLogLevel MinimumLevel { get; set; } = PluginLogLevel.Debug;

    /// <summary>A copy of the entries recorded so far, oldest first.</summary>
    public IReadOnlyList<PluginLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    /// <summary>The entries of <paramref name="level"/> or more severe.</summary>
    public IReadOnlyList<PluginLogEntry> AtLeast(PluginLogLevel level) => Entries.Where(e => e.Level >= level).ToList();

    /// <summary>Forgets every entry, e.g. between the arrange and act steps of a test.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <inheritdoc />
    public bool IsEnabled(PluginLogLevel level) => level >= MinimumLevel;

    /// <inheritdoc />
    public void Log(PluginLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(messageTemplate);
        if (!IsEnabled(level))
        {
            return;
        }
        var entry = new PluginLogEntry(level, exception, messageTemplate, args?.ToArray() ?? []);
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
