using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(850, "850ms")]
    [InlineData(4_290, "4.2s")]
    [InlineData(9_999, "9.9s")]
    [InlineData(42_000, "42s")]
    [InlineData(83_000, "1m 23s")]
    [InlineData(120_000, "2m")]
    [InlineData(7_500_000, "2h 5m")]
    [InlineData(273_600_000, "3d 4h")]
    public void Durations_are_two_units_at_most(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.FromMilliseconds(milliseconds));

    [Fact]
    public void Negative_durations_keep_their_sign() =>
        Assert.Equal("-1m 5s", DurationText.Format(TimeSpan.FromSeconds(-65)));

    [Fact]
    public void Ages_read_as_time_ago_or_ahead()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("12s ago", DurationText.Age(now.AddSeconds(-12), now));
        Assert.Equal("3m 10s ago", DurationText.Age(now.AddSeconds(-190), now));
        Assert.Equal("just now", DurationText.Age(now.AddMilliseconds(-300), now));
        Assert.Equal("in 5m", DurationText.Age(now.AddMinutes(5), now));
    }

    [Fact]
    public void Hatchet_zero_time_means_not_yet()
    {
        Assert.Null(TimeText.Meaningful(DateTimeOffset.MinValue));
        Assert.Null(TimeText.Meaningful(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var real = new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);
        Assert.Equal(real, TimeText.Meaningful(real));
        Assert.Equal("2026-11-24 01:02:03Z", TimeText.Format(real));
    }
}
