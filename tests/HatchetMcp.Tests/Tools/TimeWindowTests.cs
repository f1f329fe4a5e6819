using HatchetMcp.Arguments;
using ModelContextProtocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("2w", 14 * 86400)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("PT90M", 90 * 60)]
    [InlineData("P1D", 86400)]
    public void Relative_durations_count_back_from_now(string since, int seconds)
    {
        var window = TimeWindow.Parse(since, null, Now, TimeSpan.FromHours(24));
        Assert.Equal(Now.AddSeconds(-seconds), window.Since);
        Assert.Null(window.Until);
    }

    [Fact]
    public void The_default_window_is_the_given_span_back_from_now() =>
        Assert.Equal(Now.AddHours(-24), TimeWindow.Parse(null, "", Now, TimeSpan.FromHours(24)).Since);

    [Fact]
    public void Iso_times_and_dates_are_read_as_utc_unless_they_carry_an_offset()
    {
        var window = TimeWindow.Parse("2026-11-23T09:30:00+02:00", "2026-11-24", Now, TimeSpan.FromHours(24));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero), window.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), window.Until);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("90")]
    [InlineData("-5m")]
    [InlineData("5 minutes")]
    [InlineData("0m")]
    [InlineData("May")]
    public void Malformed_times_are_tool_errors_that_show_the_accepted_forms(string since)
    {
        var error = Assert.Throws<McpException>(() => TimeWindow.Parse(since, null, Now, TimeSpan.FromHours(24)));
        Assert.Contains("since must be an ISO 8601 time", error.Message, StringComparison.Ordinal);
        Assert.Contains("24h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_must_follow_since_and_since_must_not_be_in_the_future()
    {
        Assert.Throws<McpException>(() => TimeWindow.Parse("1h", "2h", Now, TimeSpan.FromHours(24)));
        Assert.Throws<McpException>(() => TimeWindow.Parse("2026-12-30T00:00:00Z", null, Now, TimeSpan.FromHours(24)));
    }
}
