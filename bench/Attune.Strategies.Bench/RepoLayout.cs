namespace Attune.Strategies.Bench;

/// <summary>Finds the repository root (the folder with Attune.slnx) and the shared data beside it.</summary>
internal static class RepoLayout
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("No Attune.slnx above the bench's folder; pass --data.");
    }

    public static string Data(string? given)
    {
        var path = given ?? Path.Combine(Root(), "..", "shared", "data");
        return Directory.Exists(path) ? Path.GetFullPath(path) : throw new DirectoryNotFoundException($"No shared data at {path}; pass --data.");
    }
}
