using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attune.LmsAdapters.Moodle.Tests;

/// <summary>The course's structure from the real Moodle 4.5.6 course 4 (fixtures/lms/moodle-4.5-logstore-real): order, sections, completion, restrict access.</summary>
public sealed class MoodleCatalogStructureTests
{
    private const string Contents = "moodle-4.5-logstore-real/ws/core_course_get_contents_course4.json";

    // Grade item 6 is the quiz's (cmid 9), 7 the assignment's (cmid 10), as the captured grade report says.
    private static readonly Dictionary<long, long> GradeItems = new() { [6] = 9, [7] = 10 };

    [Fact]
    public void ActivitiesKeepTheTeachersOrderSectionsCompletionRulesAndUrls()
    {
        var entries = Map(JsonNode.Parse(LmsFixtures.Read(Contents))!);

        var activities = entries.Where(e => e.Recommendable).ToList();
        Assert.Equal(["7", "8", "9", "10"], activities.Select(e => e.Item.Value));
        Assert.Equal([1, 2, 3, 4], activities.Select(e => e.Position ?? 0));
        Assert.Equal(
            [CompletionKind.View, CompletionKind.View, CompletionKind.Grade, CompletionKind.Submit],
            activities.Select(e => e.Completion!.Kind));
        Assert.All(activities, e => Assert.StartsWith("http://127.0.0.1:44331/mod/", e.Url!.AbsoluteUri));
        Assert.All(activities, e => Assert.False(string.IsNullOrEmpty(e.Section)));
        Assert.All(activities, e => Assert.Empty(e.Prerequisites));
    }

    [Fact]
    public void TheCoursePageIsInTheCatalogButNeverRecommendable()
    {
        var page = Assert.Single(Map(JsonNode.Parse(LmsFixtures.Read(Contents))!), e => e.Item.Value == "course:4");

        Assert.False(page.Recommendable);
        Assert.Equal("Biology 101", page.Title);
    }

    [Fact]
    public void RestrictAccessByCompletionOrGradeOfAnotherActivityBecomesPrerequisites()
    {
        var contents = JsonNode.Parse(LmsFixtures.Read(Contents))!;
        // The quiz opens once the page is complete and the essay is graded at least 50 %.
        Module(contents, 9)["availability"] =
            """{"op":"&","c":[{"type":"completion","cm":7,"e":1},{"type":"grade","id":7,"min":50}],"showc":[true,true]}""";
        // Either of two is no prerequisite; a condition on a date is none either.
        Module(contents, 10)["availability"] =
            """{"op":"|","c":[{"type":"completion","cm":7,"e":1},{"type":"completion","cm":8,"e":1}],"show":true}""";
        Module(contents, 8)["availability"] = """{"op":"&","c":[{"type":"date","d":">=","t":1796283000}],"showc":[true]}""";

        var entries = Map(contents).ToDictionary(e => e.Item.Value);

        Assert.Equal(["7", "10"], entries["9"].Prerequisites.Select(p => p.Value));
        Assert.Empty(entries["10"].Prerequisites);
        Assert.Empty(entries["8"].Prerequisites);
    }

    private static IReadOnlyList<CatalogEntry> Map(JsonNode contents) =>
        MoodleCatalogMapper.Map(4, contents.Deserialize<List<MoodleCourseSection>>(MoodleJson.Options)!, null, MoodleMinutesEstimate.Default, GradeItems, "Biology 101");

    private static JsonObject Module(JsonNode contents, long cmId) =>
        contents.AsArray().SelectMany(s => s!["modules"]!.AsArray()).Single(m => (long)m!["id"]! == cmId)!.AsObject();
}
