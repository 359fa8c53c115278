namespace Attune.LmsAdapters.Canvas.Tests;

public sealed class CanvasIdsTests
{
    [Theory]
    [InlineData("48", "48")]
    [InlineData("21070000000000048", "48")] // shard 2107, local 48
    [InlineData("2107~48", "48")]
    [InlineData(" 21070000000000048 ", "48")]
    [InlineData("10000000000001", "1")] // shard 1
    [InlineData("sis_user_id:ABC.123", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void GlobalAndLocalIdsBecomeOneKey(string? id, string? key)
    {
        Assert.Equal(key, CanvasIds.Default.Normalize(id));
    }

    [Fact]
    public void WithAHomeShardOnlyItsIdsBecomeLocal()
    {
        var ids = new CanvasIds(homeShard: 2107);

        Assert.Equal("48", ids.Normalize("21070000000000048"));
        Assert.Equal("48", ids.Normalize("2107~48"));
        Assert.Equal("11210000002223333", ids.Normalize("11210000002223333"));
        Assert.Equal("11210000002223333", ids.Normalize("1121~2223333"));
        Assert.Equal("48", ids.Normalize(48));
    }

    [Theory]
    [InlineData("Page", "wiki_page")]
    [InlineData("wikiPage", "wiki_page")]
    [InlineData("wiki_page", "wiki_page")]
    [InlineData("Discussion", "discussion_topic")]
    [InlineData("DiscussionTopic", "discussion_topic")]
    [InlineData("File", "attachment")]
    [InlineData("quizzes:quiz", "quiz")]
    [InlineData("Assignment", "assignment")]
    [InlineData("context_external_tool", "context_external_tool")]
    public void AssetTypesOfRestLiveEventsAndCaliperFoldTogether(string type, string canonical)
    {
        Assert.Equal(canonical, CanvasIds.AssetType(type));
    }

    [Fact]
    public void ItemKeysJoinTheTypeAndTheNormalisedId()
    {
        Assert.Equal("assignment:355", CanvasIds.Default.ItemKey("Assignment", "21070000000000355"));
        Assert.Equal("wiki_page:12", CanvasIds.Default.ItemKey("Page", 12));
        Assert.Null(CanvasIds.Default.ItemKey("assignment", "not-an-id"));
    }
}
