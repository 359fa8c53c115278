using Attune.LmsAdapters.Xapi;

namespace Attune.LmsAdapters.Moodle.Tests;

public sealed class MoodleSiteUrlsTests
{
    private readonly MoodleSiteUrls _urls = new(new Uri("http://127.0.0.1:8088"));

    [Theory]
    [InlineData("http://127.0.0.1:8088/mod/assign/view.php?id=3", "3")]
    [InlineData("http://127.0.0.1:8088/mod/assign/view.php?id=3#submission", "3")]
    [InlineData("http://127.0.0.1:8088/mod/assign/view.php?id=3#feedback", "3")]
    [InlineData("http://127.0.0.1:8088/mod/page/view.php?id=1", "1")]
    [InlineData("http://127.0.0.1:8088/mod/quiz/attempt.php?attempt=1&cmid=4", "4")]
    [InlineData("http://127.0.0.1:8088/course/view.php?id=2", "course:2")]
    [InlineData("http://127.0.0.1:8088/question/question.php?cmid=1&id=7", "question:7")]
    [InlineData("http://127.0.0.1:8088", null)]
    [InlineData("http://127.0.0.1:8088/course/section.php?id=1", null)]
    [InlineData("http://elsewhere.example/mod/page/view.php?id=1", null)]
    public void MoodleActivityUrlsReadBackAsPulledItemIds(string iri, string? item) =>
        Assert.Equal(item, _urls.ItemIdFromIri(iri));

    [Fact]
    public void OnlyCourseViewUrlsNameACourse()
    {
        Assert.Equal("2", _urls.CourseIdFromIri("http://127.0.0.1:8088/course/view.php?id=2"));
        Assert.Null(_urls.CourseIdFromIri("http://127.0.0.1:8088/course/section.php?id=1"));
        Assert.Null(new MoodleSiteUrls(new Uri("https://example.edu/moodle/")).CourseIdFromIri("https://example.edu/course/view.php?id=2"));
        Assert.Equal("2", new MoodleSiteUrls(new Uri("https://example.edu/moodle")).CourseIdFromIri("https://example.edu/moodle/course/view.php?id=2"));
    }

    [Fact]
    public void PushedLogstoreStatementsNameTheSameLearnersItemsAndCoursesAsThePull()
    {
        var mapper = new XapiStatementMapper(new XapiMappingOptions
        {
            Source = "moodle-xapi",
            AccountHomePage = "http://127.0.0.1:8088",
            ItemIdFromIri = _urls.ItemIdFromIri,
            CourseIdFromIri = _urls.CourseIdFromIri,
        });

        var batch = mapper.MapBatch(LmsFixtures.Read("moodle-4.5/logstore_xapi_statements_POST_body.json"));

        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        var events = batch.Events;
        // Essay 1 is cmid 3 in course 2 in the pulled catalog; Robin Pupil is Moodle user 7.
        var submitted = Assert.Single(events, e => e.Kind == EventKind.Submitted);
        Assert.Equal(("7", "3", new CourseId("2")), (submitted.Learner.Value, submitted.Item.Value, submitted.Course));
        var scored = Assert.Single(events, e => e.Kind == EventKind.Graded);
        Assert.Equal(("3", 0.72), (scored.Item.Value, scored.Score));
        Assert.Equal(["course:2", "1", "3", "3"], events.Where(e => e.Kind == EventKind.Viewed).Select(e => e.Item.Value));
        Assert.All(events, e => Assert.Equal(new CourseId("2"), e.Course));
    }
}
