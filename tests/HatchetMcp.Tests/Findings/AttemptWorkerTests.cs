using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Findings;

/// <summary>Each attempt names the worker that ran it, from the worker id its own events carry.</summary>
public sealed class AttemptWorkerTests
{
    private static readonly Guid Task = Guid.Parse("7b1f0c52-0000-4000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("7b1f0c52-0000-4000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("7b1f0c52-0000-4000-8000-0000000000b2");
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_attempt_carries_the_worker_its_events_name_and_a_waiting_attempt_has_none()
    {
        var events = new List<V1TaskEvent>
        {
            Event(1, "QUEUED", 0, 0, null),
            Event(2, "ASSIGNED", 1, 0, First),
            Event(3, "STARTED", 2, 0, First),
            Event(4, "RETRYING", 3, 0, First, "boom"),
            Event(5, "QUEUED", 5, 1, null),
            Event(6, "ASSIGNED", 6, 1, Second),
            Event(7, "STARTED", 7, 1, Second),
            Event(8, "RETRYING", 8, 1, Second, "boom"),
            Event(9, "QUEUED", 10, 2, null),
        };
        var summary = new V1TaskSummary { TaskExternalId = Task, Status = V1TaskStatuses.Queued, RetryCount = 2, CreatedAt = T0 };

        var timeline = AttemptTimeline.For(summary, events);

        Assert.Equal([First, Second], timeline.Earlier.Select(a => a.WorkerId));
        Assert.Null(timeline.Current.WorkerId);
    }

    private static V1TaskEvent Event(long id, string type, int second, int retry, Guid? worker, string? error = null) => new()
    {
        Id = id, TaskId = Task, EventType = type, Timestamp = T0.AddSeconds(second), RetryCount = retry, WorkerId = worker, ErrorMessage = error,
    };
}
