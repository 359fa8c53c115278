using System.Net;
using System.Text;
using System.Text.Json;

namespace Attune.EndToEnd.Tests;

/// <summary>
/// The catalog carries the course's structure (section, position, prerequisites, completion, URL, whether plans may send a
/// learner there), and a structure that no planner could follow is refused whole, naming the item.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class CourseStructureTests(SiloFixture fixture)
{
    [Fact]
    public async Task TheCatalogKeepsTheCoursesStructureAndListsItInTheCoursesOrder()
    {
        var course = NewCourse();
        await fixture.UniClient.PutCatalogOkAsync(course, new
        {
            items = new object[]
            {
                new { id = "quiz-1", kind = "quiz", position = 2, section = "Week 1", prerequisites = new[] { "lesson-1" },
                      prerequisiteSkills = new[] { "algebra" }, skills = new[] { "fractions" },
                      completion = new { rule = "pass", passScore = 0.7 }, url = "https://lms.example.edu/mod/quiz/view.php?id=7" },
                new { id = "lesson-1", kind = "page", position = 1, section = "Week 1", completion = new { rule = "view" } },
                new { id = "course-page", kind = "course", recommendable = false },
            },
        });

        using var response = await fixture.UniClient.GetAsync($"/api/v1/courses/{course}/items");
        var items = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.OK, fixture.Silo)).RootElement.GetProperty("items");

        Assert.Equal(["lesson-1", "quiz-1", "course-page"], items.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var quiz = items[1];
        Assert.Equal(2, quiz.GetProperty("position").GetInt32());
        Assert.Equal("Week 1", quiz.GetProperty("section").GetString());
        Assert.Equal("lesson-1", quiz.GetProperty("prerequisites")[0].GetString());
        Assert.Equal("algebra", quiz.GetProperty("prerequisiteSkills")[0].GetString());
        Assert.Equal("pass", quiz.GetProperty("completion").GetProperty("rule").GetString());
        Assert.Equal(0.7, quiz.GetProperty("completion").GetProperty("passScore").GetDouble());
        Assert.Equal("https://lms.example.edu/mod/quiz/view.php?id=7", quiz.GetProperty("url").GetString());
        Assert.False(items[2].GetProperty("recommendable").GetBoolean());
    }

    [Fact]
    public async Task AnItemThatIsNotRecommendableIsNeverPlanned()
    {
        var course = NewCourse();
        var learner = "structure-" + Guid.NewGuid().ToString("n")[..8];
        await fixture.UniClient.PutCatalogOkAsync(course, new
        {
            items = new object[]
            {
                new { id = "course-page", kind = "course", estimatedMinutes = 1, recommendable = false },
                new { id = "question-1", kind = "question", estimatedMinutes = 1, recommendable = false },
                new { id = "lesson-1", kind = "page", estimatedMinutes = 5 },
            },
        });
        await fixture.UniClient.PostEventsOkAsync([new TestEvent($"{learner}-1", learner, "course-page", "viewed", DateTimeOffset.UtcNow.AddMinutes(-5), course)]);

        var plan = await fixture.UniClient.GetRecommendationsOkAsync(learner, $"?course={course}&minutes=60");

        Assert.Equal(["lesson-1"], plan.Items.Select(i => i.Item));
    }

    [Theory]
    [InlineData("""[{"id":"a","prerequisites":["a"]}]""", "items[0].prerequisites", "the item itself")]
    [InlineData("""[{"id":"a","prerequisites":["ghost"]}]""", "items[0].prerequisites", "'ghost' is not an item")]
    [InlineData("""[{"id":"a","prerequisites":["b"]},{"id":"b","prerequisites":["c"]},{"id":"c","prerequisites":["a"]}]""", "items[0].prerequisites", "cycle")]
    [InlineData("""[{"id":"a","skills":["s1"],"prerequisiteSkills":["s2"]},{"id":"b","skills":["s2"],"prerequisiteSkills":["s1"]}]""", "items[0].prerequisiteSkills", "rest on themselves")]
    [InlineData("""[{"id":"a","skills":["s1"],"prerequisiteSkills":["s1"]}]""", "items[0].prerequisiteSkills", "itself teaches")]
    [InlineData("""[{"id":"a","position":-1}]""", "items[0].position", "between")]
    [InlineData("""[{"id":"a","position":1.5}]""", "items[0].position", "whole number")]
    [InlineData("""[{"id":"a","completion":{"rule":"finish"}}]""", "items[0].completion.rule", "one of")]
    [InlineData("""[{"id":"a","completion":{"rule":"view","passScore":0.5}}]""", "items[0].completion.passScore", "only for")]
    [InlineData("""[{"id":"a","url":"javascript:alert(1)"}]""", "items[0].url", "http")]
    [InlineData("""[{"id":"a","recommendable":"no"}]""", "items[0].recommendable", "true or false")]
    public async Task AnUnsoundStructureIsRefusedNamingTheItemAndNothingIsWritten(string items, string field, string message)
    {
        var course = NewCourse();
        await fixture.UniClient.PutCatalogOkAsync(course, new { items = new[] { new { id = "kept", title = "Kept" } } });

        using var response = await fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/courses/{course}/items",
            new StringContent($$"""{"items":{{items}}}""", Encoding.UTF8, "application/json"));

        var problem = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.BadRequest, fixture.Silo)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), problem.ToString());
        Assert.Contains(message, errors[0].GetString());
        using var after = await fixture.UniClient.GetAsync($"/api/v1/courses/{course}/items");
        var listed = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        Assert.Equal(["kept"], listed.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ACycleThroughItemsAlreadyInTheCatalogIsRefused()
    {
        var course = NewCourse();
        await fixture.UniClient.PutCatalogOkAsync(course, new { items = new object[] { new { id = "a" }, new { id = "b", prerequisites = new[] { "a" } } } });

        using var response = await fixture.UniClient.SendAsync(HttpMethod.Put, $"/api/v1/courses/{course}/items",
            new StringContent("""{"items":[{"id":"a","prerequisites":["b"]}]}""", Encoding.UTF8, "application/json"));

        var problem = JsonDocument.Parse(await ResponseAssert.StatusAsync(response, HttpStatusCode.BadRequest, fixture.Silo)).RootElement;
        Assert.Contains("a → b → a", problem.GetProperty("errors").GetProperty("items[0].prerequisites")[0].GetString());
    }

    private static string NewCourse() => "course-" + Guid.NewGuid().ToString("n")[..8];
}
