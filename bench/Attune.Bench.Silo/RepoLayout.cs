namespace Attune.Bench;

/// <summary>Where the repository, the shared data, the silo build and the results are, found from here rather than assumed.</summary>
public sealed record RepoLayout(string Root, string DataFolder, string SiloDll, string ResultsFolder)
{
    /// <param name="dataPath">The shared data folder, or null for <c>../shared/data</c> beside the repository.</param>
    /// <param name="siloPath">The silo's <c>Attune.Silo.dll</c>, or null for the Release build in <c>src/Silo</c>.</param>
    public static RepoLayout Locate(string? dataPath, string? siloPath)
    {
        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Cannot find the repository root (the folder holding Attune.slnx) above the current directory.");
        // The data lives beside the repository, never in it (see ../shared/data/SOURCES.md).
        var data = Path.GetFullPath(dataPath ?? Path.Combine(root, "..", "shared", "data"));
        var silo = Path.GetFullPath(siloPath ?? Path.Combine(root, "src", "Silo", "bin", "Release", "net10.0", "Attune.Silo.dll"));
        return new RepoLayout(root, data, silo, Path.Combine(root, "bench", "results"));
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
