namespace Attune.LmsAdapters.Moodle.Tests;

/// <summary>
/// The real LMS payloads in shared/fixtures/lms, found by walking up from the test's folder to the one holding
/// Attune.slnx and going to ../shared (a developer's checkout and CI's clone both keep shared/ beside the repo).
/// </summary>
internal static class LmsFixtures
{
    public static string Directory { get; } = Locate();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>Payloads this project wrote from the shapes in LMS-NOTES §1b, for functions no real capture exists of.</summary>
    public static string ReadDocumentedShape(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Attune.slnx")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "lms"));
                if (System.IO.Directory.Exists(fixtures))
                {
                    return fixtures;
                }
                throw new DirectoryNotFoundException($"No shared/fixtures/lms beside {dir.FullName}.");
            }
        }
        throw new DirectoryNotFoundException($"No Attune.slnx above {AppContext.BaseDirectory}.");
    }
}
