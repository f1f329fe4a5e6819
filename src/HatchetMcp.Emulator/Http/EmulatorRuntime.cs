using HatchetMcp.Emulator.Auth;
using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Everything the request pipeline needs, shared by all requests. <see cref="Tokens"/> and <see cref="BaseUrl"/>
/// are known only once Kestrel has picked its port, so they are set right after start, before the URL is published.
/// </summary>
internal sealed class EmulatorRuntime(EmulatorStore store, EmulatorEngine engine, TimeProvider time, EmulatorTestHooks hooks, bool testHooks, Action<TimeSpan>? advanceTime = null)
{
    /// <summary>Moves <see cref="Time"/> forward; null when the clock cannot be moved (the system clock).</summary>
    public Action<TimeSpan>? AdvanceTime { get; } = advanceTime;

    public EmulatorStore Store { get; } = store;
    public EmulatorEngine Engine { get; } = engine;
    public TimeProvider Time { get; } = time;
    public EmulatorTestHooks Hooks { get; } = hooks;
    public bool TestHooksEnabled { get; } = testHooks;

    public EmulatorTokens? Tokens { get; set; }
    public string BaseUrl { get; set; } = "";
    public ScenarioFacts? Facts { get; set; }

    /// <summary>Brings the simulation up to the clock's now; callers hold <see cref="EmulatorStore.Sync"/>.</summary>
    public DateTimeOffset AdvanceLocked()
    {
        DateTimeOffset now = Time.GetUtcNow();
        Engine.AdvanceTo(now);
        return now;
    }
}
