namespace Attune.LmsAdapters.Canvas.Tests;

public sealed class CanvasLinkHeaderTests
{
    private static readonly Uri Request = new("https://canvas.example.edu/api/v1/courses/565/enrollments?per_page=100");

    [Fact]
    public void CanvasJoinedLinksWithoutALastAreReadByRelation()
    {
        // Canvas joins the links with "," and no space (lib/api.rb) and leaves out "last" when counting is expensive.
        var header = CanvasLinkHeader.Parse(
            "<https://canvas.example.edu/api/v1/courses/565/enrollments?page=bookmark:WzQ4XQ&per_page=100>; rel=\"current\","
            + "<https://canvas.example.edu/api/v1/courses/565/enrollments?page=bookmark:WzYxXQ&per_page=100>; rel=\"next\","
            + "<https://canvas.example.edu/api/v1/courses/565/enrollments?page=first&per_page=100>; rel=\"first\"",
            Request);

        Assert.Equal(new Uri("https://canvas.example.edu/api/v1/courses/565/enrollments?page=bookmark:WzYxXQ&per_page=100"), header.Next);
        Assert.Equal(["current", "next", "first"], header.Links.Keys);
        Assert.False(header.Links.ContainsKey("last"));
    }

    [Fact]
    public void RelationsAreCaseInsensitiveAndMayBeBareOrSeveral()
    {
        var header = CanvasLinkHeader.Parse("<https://c.example/a?page=2>; REL=Next, <https://c.example/a?page=9>; rel=\"last first\"", Request);

        Assert.Equal(new Uri("https://c.example/a?page=2"), header.Next);
        Assert.Equal(new Uri("https://c.example/a?page=9"), header.Links["LAST"]);
        Assert.Equal(new Uri("https://c.example/a?page=9"), header.Links["first"]);
    }

    [Fact]
    public void CommasAndSemicolonsInsideTheUrlDoNotSplitIt()
    {
        var header = CanvasLinkHeader.Parse("<https://c.example/a?include[]=a,b;c&page=2>; title=\"x, y\"; rel=\"next\"", Request);

        Assert.Equal("https://c.example/a?include[]=a,b;c&page=2", header.Next!.OriginalString);
    }

    [Fact]
    public void SeveralHeaderLinesAndRelativeUrlsAreRead()
    {
        var header = CanvasLinkHeader.Parse(["</api/v1/courses/565/enrollments?page=2>; rel=\"next\"", "<?page=1>; rel=\"first\""], Request);

        Assert.Equal(new Uri("https://canvas.example.edu/api/v1/courses/565/enrollments?page=2"), header.Next);
        Assert.Equal(new Uri("https://canvas.example.edu/api/v1/courses/565/enrollments?page=1"), header.Links["first"]);
    }

    [Fact]
    public void TheLastPageHasNoNext()
    {
        var header = CanvasLinkHeader.Parse("<https://c.example/a?page=3>; rel=\"current\",<https://c.example/a?page=1>; rel=\"first\"", Request);

        Assert.Null(header.Next);
    }

    [Fact]
    public void GarbageYieldsNoLinksRatherThanAnException()
    {
        var header = CanvasLinkHeader.Parse(["not a link", "<unterminated", "; rel=next", "<https://c.example/a>"], Request);

        Assert.Empty(header.Links);
        Assert.Null(header.Next);
    }
}
