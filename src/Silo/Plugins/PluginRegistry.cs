using System.Reflection;
using Attune.Plugins;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Options;

namespace Attune.Silo.Plugins;

/// <summary>
/// Loads every plugin folder under <c>Attune:Plugins:Path</c>, each into its own unloadable context with the SDK
/// shared, watches the files for new versions, and hands out the current instance of a plugin by name.
/// A folder that fails to load (bad assembly, missing dependency, unsupported SDK version) is recorded with the
/// reason and skipped; the silo and every other plugin carry on.
/// </summary>
public sealed class PluginRegistry : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PluginFolder> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginStats> _stats = new(StringComparer.Ordinal);
    private readonly PluginOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<PluginRegistry> _logger;
    private readonly TimeProvider _clock;
    private volatile IReadOnlyDictionary<string, LoadedPlugin> _byName = new Dictionary<string, LoadedPlugin>();

    public PluginRegistry(IOptions<PluginOptions> options, ILoggerFactory loggers, TimeProvider clock)
    {
        _options = options.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<PluginRegistry>();
        _clock = clock;
        PluginPath = System.IO.Path.IsPathRooted(_options.Path)
            ? _options.Path
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(AppContext.BaseDirectory, _options.Path));
    }

    /// <summary>The plugins folder being watched.</summary>
    public string PluginPath { get; }

    /// <summary>Raised after any plugin was loaded, reloaded or removed (on a background thread).</summary>
    public event Action? Changed;

    /// <summary>The current instance of the plugin named <paramref name="name"/>, or <c>null</c>. Resolve per call; never keep it.</summary>
    public LoadedPlugin? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every folder and plugin with its state, for admins.</summary>
    public IReadOnlyList<PluginFolderStatus> Status()
    {
        lock (_gate)
        {
            return _folders.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new PluginFolderStatus(f.Name, f.Generation, f.Error, f.Plugins.ToList()))
                .ToList();
        }
    }

    /// <summary>Loads new folders, drops removed ones and retries failed ones. Loaded, unchanged plugins are kept.</summary>
    public void Rescan()
    {
        lock (_gate)
        {
            var present = Directory.Exists(PluginPath)
                ? Directory.GetDirectories(PluginPath).ToDictionary(d => System.IO.Path.GetFileName(d), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var gone in _folders.Keys.Where(k => !present.ContainsKey(k)).ToList())
            {
                _folders[gone].Loader?.Dispose();
                _folders.Remove(gone);
                _logger.LogInformation("Plugin folder {Folder} was removed; its plugins are unloaded", gone);
            }
            foreach (var (name, path) in present.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!_folders.TryGetValue(name, out var folder))
                {
                    folder = new PluginFolder(name, path);
                    _folders[name] = folder;
                    Load(folder);
                }
                else if (folder.Error is not null)
                {
                    folder.Loader?.Dispose();
                    folder.Loader = null;
                    Load(folder);
                }
            }
            Publish();
        }
        Changed?.Invoke();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var folder in _folders.Values)
            {
                folder.Loader?.Dispose();
            }
            _folders.Clear();
            _byName = new Dictionary<string, LoadedPlugin>();
        }
    }

    private void Load(PluginFolder folder)
    {
        var main = System.IO.Path.Combine(folder.Path, folder.Name + ".dll");
        if (!File.Exists(main))
        {
            folder.Fail($"no {folder.Name}.dll in {folder.Path}: each plugin lives in plugins/<Name>/<Name>.dll");
            _logger.LogWarning("Plugin folder {Folder} not loaded: {Error}", folder.Name, folder.Error);
            return;
        }
        try
        {
            folder.Loader = PluginLoader.CreateFromAssemblyFile(main, sharedTypes: [typeof(IRecommender)], config =>
            {
                // Hot reload implies an unloadable context loaded from memory, so the files can be replaced while in use.
                config.EnableHotReload = _options.HotReload;
                config.IsUnloadable = true;
                config.LoadInMemory = true;
                config.ReloadDelay = TimeSpan.FromMilliseconds(300);
            });
            folder.Loader.Reloaded += (_, _) => OnReloaded(folder);
            Instantiate(folder);
        }
        catch (Exception ex)
        {
            folder.Fail(Describe(ex));
            _logger.LogWarning(ex, "Plugin folder {Folder} not loaded: {Error}", folder.Name, folder.Error);
        }
    }

    private void OnReloaded(PluginFolder folder)
    {
        lock (_gate)
        {
            if (!_folders.ContainsKey(folder.Name))
            {
                return;
            }
            Instantiate(folder);
            Publish();
        }
        _logger.LogInformation("Plugin folder {Folder} reloaded as generation {Generation}: {Plugins}",
            folder.Name, folder.Generation, folder.Plugins.Select(p => p.Label));
        Changed?.Invoke();
    }

    /// <summary>Creates the plugin instances of a folder's current assembly. Runs under <see cref="_gate"/>.</summary>
    private void Instantiate(PluginFolder folder)
    {
        folder.Generation++;
        folder.Plugins.Clear();
        folder.Error = null;
        try
        {
            var assembly = folder.Loader!.LoadDefaultAssembly();
            CheckSdkVersion(assembly);
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString() ?? "0";
            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.GetCustomAttribute<AttunePluginAttribute>() is not { } marker || type.IsAbstract)
                {
                    continue;
                }
                if (HostRules.PluginTypeProblem(type) is { } problem)
                {
                    throw new PluginLoadException(problem);
                }
                var kind = typeof(IRecommender).IsAssignableFrom(type) ? PluginKind.Recommender : PluginKind.Strategy;
                if (_byName.TryGetValue(marker.Name, out var other) && other.Folder != folder.Name)
                {
                    throw new PluginLoadException($"plugin name '{marker.Name}' is already used by folder {other.Folder}");
                }
                var stats = StatsFor(marker.Name);
                stats.ClearQuarantine();
                var instance = Create(type, marker.Name);
                folder.Plugins.Add(new LoadedPlugin(marker.Name, kind, version, marker.Description, instance, folder.Generation, folder.Name, stats));
            }
            if (folder.Plugins.Count == 0)
            {
                throw new PluginLoadException($"{assembly.GetName().Name} has no public class marked [AttunePlugin]");
            }
        }
        catch (Exception ex)
        {
            folder.Fail(Describe(ex));
            _logger.LogWarning(ex, "Plugin folder {Folder} not loaded: {Error}", folder.Name, folder.Error);
        }
    }

    private object Create(Type type, string name)
    {
        var settings = _options.Settings.TryGetValue(name, out var values)
            ? new PluginSettings(values)
            : PluginSettings.Empty;
        var context = new PluginContext(name, new HostPluginLogger(_loggers.CreateLogger($"Attune.Plugin.{name}")), _clock, settings, _options.Seed);
        try
        {
            return type.GetConstructor([typeof(PluginContext)]) is { } withContext
                ? withContext.Invoke([context])
                : Activator.CreateInstance(type)
                  ?? throw new PluginLoadException($"{type.FullName} could not be created");
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new PluginLoadException($"constructor of {type.FullName} threw: {Describe(ex.InnerException)}", ex.InnerException);
        }
        catch (MissingMethodException)
        {
            throw new PluginLoadException($"{type.FullName} needs a public constructor taking PluginContext, or a parameterless one");
        }
    }

    /// <summary>The plugin must be built for this SDK's major version and at most its minor version (<see cref="HostRules.SdkVersionProblem"/>).</summary>
    private static void CheckSdkVersion(Assembly assembly)
    {
        if (HostRules.SdkVersionProblem(assembly) is { } problem)
        {
            throw new PluginLoadException(problem);
        }
    }

    private PluginStats StatsFor(string name)
    {
        if (!_stats.TryGetValue(name, out var stats))
        {
            _stats[name] = stats = new PluginStats();
        }
        return stats;
    }

    private void Publish() =>
        _byName = _folders.Values.SelectMany(f => f.Plugins).ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static string Describe(Exception ex) => ex switch
    {
        PluginLoadException => ex.Message,
        ReflectionTypeLoadException rtle => "missing dependency: " + string.Join("; ", rtle.LoaderExceptions.Select(e => e?.Message).Distinct()),
        FileNotFoundException fnf => $"missing dependency: {fnf.FileName ?? fnf.Message}",
        FileLoadException fle => $"dependency could not be loaded: {fle.FileName ?? fle.Message}",
        BadImageFormatException => "not a valid .NET assembly",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private sealed class PluginFolder(string name, string path)
    {
        public string Name { get; } = name;
        public string Path { get; } = path;
        public PluginLoader? Loader { get; set; }
        public int Generation { get; set; }
        public string? Error { get; set; }
        public List<LoadedPlugin> Plugins { get; } = [];

        public void Fail(string error)
        {
            Error = error;
            Plugins.Clear();
        }
    }
}

/// <summary>A plugin folder as admins see it.</summary>
public sealed record PluginFolderStatus(string Folder, int Generation, string? LoadError, IReadOnlyList<LoadedPlugin> Plugins);

/// <summary>A plugin that cannot be used, with the reason in words.</summary>
public sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
