namespace Attune.Plugins;

/// <summary>What the host gives a plugin when it creates it: identity, logger, clock, settings and seeded randomness.</summary>
public sealed class PluginContext
{
    private readonly int _seed;

    /// <summary>Creates a context; hosts and the test kit call this, plugins receive it.</summary>
    public PluginContext(string name, IPluginLogger logger, TimeProvider clock, PluginSettings settings, int seed)
    {
        Name = name;
        Logger = logger;
        Clock = clock;
        Settings = settings;
        _seed = seed;
    }

    /// <summary>The plugin's configured name.</summary>
    public string Name { get; }

    /// <summary>Where the plugin logs; entries carry its name.</summary>
    public IPluginLogger Logger { get; }

    /// <summary>The only source of "now" a plugin should use, so tests and replays can set time.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The plugin's configuration.</summary>
    public PluginSettings Settings { get; }

    /// <summary>
    /// A random source seeded from the configured seed, the plugin's name and <paramref name="purpose"/>:
    /// the same inputs give the same sequence on every silo and every run.
    /// </summary>
    public Random CreateRandom(string purpose = "")
    {
        // FNV-1a: string.GetHashCode is randomized per process, which would break reproducibility.
        var hash = 2166136261u;
        foreach (var c in Name + "/" + purpose)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return new Random(unchecked((int)hash) ^ _seed);
    }
}
