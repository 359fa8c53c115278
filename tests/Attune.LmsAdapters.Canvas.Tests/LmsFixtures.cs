using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Canvas.Tests;

/// <summary>
/// The real LMS payloads in shared/fixtures/lms, found by walking up from the test's folder to the one holding
/// Attune.slnx and going to ../shared (a developer's checkout and CI's clone both keep shared/ beside the repo).
/// </summary>
internal static class LmsFixtures
{
    public static string Directory { get; } = Locate();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    public static IEnumerable<string> Files(string pattern) =>
        System.IO.Directory.EnumerateFiles(Directory, pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    /// <summary>
    /// The event as delivered: Canvas's doc/api/data_services files wrap it as <c>examples[0].payload</c>
    /// (fixtures/lms/SOURCES.md); the asset_accessed EXCERPT is already the payload.
    /// </summary>
    public static string ReadPayload(string file)
    {
        var node = JsonNode.Parse(Read(file))!;
        return node["examples"] is JsonArray examples ? examples[0]!["payload"]!.ToJsonString() : node.ToJsonString();
    }

    /// <summary>The payload as a node to edit.</summary>
    public static JsonObject Payload(string file) => JsonNode.Parse(ReadPayload(file))!.AsObject();

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
