namespace Attune.Abstractions.Tests;

public sealed class LearningEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 11, 5, 0, TimeSpan.FromHours(1));

    [Fact]
    public void TimestampsAreNormalisedToUtc()
    {
        var e = new LearningEvent("e1", new LearnerId("alice"), new ItemId("quiz-3"), EventKind.Completed, At);

        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        Assert.Equal(At, e.Timestamp);
        Assert.Equal(LearningEvent.ApiSource, e.Source);
        Assert.Empty(e.Skills);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AScoreOutsideZeroToOneIsRefused(double score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LearningEvent("e1", new LearnerId("alice"), new ItemId("q"), EventKind.Graded, At, score: score));

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    public void IdentifiersRefuseEmptyPaddedOrControlCharacters(string value)
    {
        Assert.False(Identifier.IsValid(value, out var error));
        Assert.NotNull(error);
        Assert.Throws<ArgumentException>(() => new LearnerId(value));
    }

    [Fact]
    public void IdentifiersRefuseLoneSurrogates()
    {
        // Not a theory: xunit carries theory arguments as UTF-8, where a lone surrogate becomes U+FFFD.
        foreach (var value in new[] { "a\ud800b", "end\ud800", "\udc00start" })
        {
            Assert.False(Identifier.IsValid(value, out var error));
            Assert.Contains("surrogate", error);
            Assert.Throws<ArgumentException>(() => new LearnerId(value));
        }
    }

    [Fact]
    public void IdentifiersKeepSurrogatePairs() => Assert.True(Identifier.IsValid("learner-\ud83d\ude00", out _));

    [Fact]
    public void ATenantIdCannotContainASlash() => Assert.Throws<ArgumentException>(() => new TenantId("a/b"));

    [Fact]
    public void DefaultIdsAreRefusedByEvents() =>
        Assert.Throws<ArgumentException>(() => new LearningEvent("e1", default, new ItemId("q"), EventKind.Viewed, At));

    [Theory]
    [InlineData("completed", true)]
    [InlineData("peer-review_2", true)]
    [InlineData("Completed", false)]
    [InlineData("has space", false)]
    public void EventKindNamesAreLowerCaseTokens(string name, bool valid) => Assert.Equal(valid, EventKind.IsValidName(name));
}
