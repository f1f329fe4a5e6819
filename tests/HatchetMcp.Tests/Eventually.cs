using Xunit;

namespace HatchetMcp.Tests;

/// <summary>Waits for something another process or thread makes true; the assertion after it says what did not happen.</summary>
internal static class Eventually
{
    /// <summary>Polls every 10 ms for up to 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
