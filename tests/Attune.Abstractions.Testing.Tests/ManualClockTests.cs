namespace Attune.Plugins.Testing.Tests;

public sealed class ManualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ClockStaysPutUntilAdvanced()
    {
        var clock = new ManualClock(Start);
        Thread.Sleep(20);
        Assert.Equal(Start, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(Start.AddMinutes(90), clock.GetUtcNow());
        Assert.Equal(Start.AddMinutes(90), clock.Now);
    }

    [Fact]
    public void StartIsConvertedToUtc()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
        Assert.Equal(Start, clock.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public void AdvancingBackwardsIsRefusedButSettingMayRewind()
    {
        var clock = new ManualClock(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        clock.Set(Start.AddDays(-1));

        Assert.Equal(Start.AddDays(-1), clock.Now);
    }

    [Fact]
    public void ElapsedTimeMeasuredWithTheClockIsWhatTheTestAdvanced()
    {
        var clock = new ManualClock(Start);
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), clock.GetElapsedTime(started));
    }

    [Fact]
    public void TimersAreRefusedWithTheReason()
    {
        var clock = new ManualClock(Start);

        var refused = Assert.Throws<NotSupportedException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));

        Assert.Contains("time budget", refused.Message);
    }
}
