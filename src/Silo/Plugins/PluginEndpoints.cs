using Attune.Silo.Security;

namespace Attune.Silo.Plugins;

public static class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPluginApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plugins")
            .RequireAuthorization(AttuneAuthentication.AdminPolicy)
            .WithTags("Plugins (admin)");
        group.MapGet("", (PluginRegistry registry, PluginSelector selector) => TypedResults.Ok(Describe(registry, selector)))
            .WithName("GetPlugins")
            .WithSummary("Every plugin folder and plugin: version, kind, where it is used, load error, calls, failures, p99 call time");
        group.MapPost("/reload", (PluginRegistry registry, PluginSelector selector) =>
            {
                registry.Rescan();
                return TypedResults.Ok(Describe(registry, selector));
            })
            .WithName("ReloadPlugins")
            .WithSummary("Rescan the plugins folder: load new folders, drop removed ones, retry failed ones");
        return app;
    }

    private static PluginsResponse Describe(PluginRegistry registry, PluginSelector selector)
    {
        var usages = selector.Usages();
        var folders = registry.Status();
        var loaded = folders.SelectMany(f => f.Plugins).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return new PluginsResponse(
            registry.PluginPath,
            folders.Select(f => new PluginFolderView(f.Folder, f.Generation, f.LoadError,
                f.Plugins.Select(p => new PluginView(p.Name, p.Version, p.Kind.ToString().ToLowerInvariant(), p.Description,
                    usages[p.Name].ToList(), p.Stats.Calls, p.Stats.Failures, p.Stats.Timeouts, p.Stats.Skipped,
                    p.Stats.P99Milliseconds, p.Stats.LastFailure, p.Stats.QuarantinedUntil)).ToList())).ToList(),
            usages.Where(u => !loaded.Contains(u.Key)).Select(u => new MissingPluginView(u.Key, u.ToList())).ToList());
    }
}

public sealed record PluginsResponse(string Path, IReadOnlyList<PluginFolderView> Folders, IReadOnlyList<MissingPluginView> ConfiguredButNotLoaded);

public sealed record PluginFolderView(string Folder, int Generation, string? LoadError, IReadOnlyList<PluginView> Plugins);

public sealed record PluginView(
    string Name, string Version, string Kind, string? Description, IReadOnlyList<string> UsedBy,
    long Calls, long Failures, long Timeouts, long Skipped, double? P99Milliseconds, string? LastFailure, DateTimeOffset? QuarantinedUntil);

public sealed record MissingPluginView(string Name, IReadOnlyList<string> UsedBy);
