namespace HatchetMcp.Emulator;

/// <summary>How to start a <see cref="HatchetEmulator"/>.</summary>
public sealed record EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>"realistic" (default) or "empty" (workflows and workers, no runs).</summary>
    public string Scenario { get; init; } = "realistic";

    /// <summary>Same seed and same clock give the same data and the same engine behaviour.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Total runs seeded in the default tenant; null = the scenario's default (about 3000).</summary>
    public int? Scale { get; init; }

    /// <summary>The emulator's clock; null = <see cref="TimeProvider.System"/>. Tests pass a FakeTimeProvider.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>
    /// Moves <see cref="Time"/> forward for the <c>/_emulator/time/advance</c> hook (a test passes its fake clock's
    /// <c>Advance</c>); null, as on the system clock, makes the hook answer 400. A delegate keeps the test clock's
    /// package out of the shipped tool.
    /// </summary>
    public Action<TimeSpan>? AdvanceTime { get; init; }

    /// <summary>Serves the /_emulator/* routes (request log, faults, time, facts).</summary>
    public bool EnableTestHooks { get; init; }
}
