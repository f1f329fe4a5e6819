using System.Text.Json.Nodes;

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>Reads run and task state over HTTP while a test moves the fake clock.</summary>
internal static class RunWatch
{
    public static readonly string[] FinalStatuses = ["COMPLETED", "FAILED", "CANCELLED"];

    public static async Task<string> StatusAsync(EmulatorHost host, Guid run) =>
        Wire.Str((await host.Api.GetAsync(Routes.RunStatus(run))).Expect(200).Json);

    public static async Task<JsonObject> TaskAsync(EmulatorHost host, Guid task) =>
        (await host.Api.GetAsync(Routes.Task(task))).Expect(200).Object;

    /// <summary>
    /// Advances the clock by <paramref name="step"/> at a time (at most <paramref name="maxSteps"/> times) until the
    /// run's status satisfies <paramref name="done"/>; returns every distinct status seen, in order, the first included.
    /// </summary>
    public static async Task<List<string>> AdvanceUntilAsync(EmulatorHost host, Guid run, Func<string, bool> done, TimeSpan step, int maxSteps)
    {
        var seen = new List<string> { await StatusAsync(host, run) };
        for (var i = 0; i < maxSteps && !done(seen[^1]); i++)
        {
            host.Clock.Advance(step);
            var status = await StatusAsync(host, run);
            if (status != seen[^1])
            {
                seen.Add(status);
            }
        }

        return seen;
    }
}
