using HatchetMcp.Hatchet;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>Moves a FakeTimeProvider forward until a call completes, so retry delays and timeouts elapse without sleeping.</summary>
internal static class FakeClock
{
    public static FakeTimeProvider Start() => new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> call, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var stepBy = step ?? TimeSpan.FromMilliseconds(100);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(5));
        while (!call.IsCompleted && time.GetUtcNow() < until)
        {
            // Let the call reach its next timer before moving the clock.
            await Task.Delay(1, TestContext.Current.CancellationToken);
            time.Advance(stepBy);
        }
        return await call;
    }
}
