using HatchetMcp.Hatchet;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.Tools;

/// <summary>A worker's status is Hatchet's when given; the field is optional, so without it the heartbeat decides.</summary>
public sealed class WorkerStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("PAUSED", 1.0, "PAUSED")]
    [InlineData("inactive", 1.0, "INACTIVE")]
    [InlineData(null, 2.0, "ACTIVE")]
    [InlineData("", 5.0, "ACTIVE")]
    [InlineData(null, 5.5, "INACTIVE")]
    [InlineData(null, null, "UNKNOWN")]
    public void Status_is_reported_or_worked_out_from_the_heartbeat(string? reported, double? heartbeatSecondsAgo, string expected)
    {
        var worker = new Worker
        {
            Status = reported,
            LastHeartbeatAt = heartbeatSecondsAgo is { } ago ? Now.AddSeconds(-ago) : null,
        };

        Assert.Equal(expected, WorkerTools.StatusOf(worker, Now));
    }
}
