using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// The living engine: moves tasks through QUEUED -> RUNNING -> final states as simulated workers pick them, applies
/// cancel/replay asynchronously, fires scheduled runs. Every member must be called with <see cref="EmulatorStore.Sync"/>
/// held. Deterministic: the same seed and the same sequence of calls at the same instants give the same state.
/// </summary>
public sealed partial class EmulatorEngine
{
    public EmulatorEngine(EmulatorStore store, DateTimeOffset start)
    {
        Store = store;
        Now = start;
    }

    public EmulatorStore Store { get; }

    /// <summary>The instant the simulation has reached.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Processes everything due up to <paramref name="now"/> (no-op when now is not later than <see cref="Now"/>).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (now > Now) Now = now;
    }

    /// <summary>Creates a run of the named workflow, QUEUED now. Throws <see cref="WorkflowNotFoundException"/>.</summary>
    public RunRecord Trigger(TenantData tenant, string workflowName, JsonObject input,
        IReadOnlyDictionary<string, string>? metadata, int? priority, DateTimeOffset now) =>
        Trigger(tenant, workflowName, input.ToJsonString(), metadata, priority, now);

    /// <summary>As <see cref="Trigger(TenantData,string,JsonObject,IReadOnlyDictionary{string,string}?,int?,DateTimeOffset)"/> with the input as JSON object text.</summary>
    public RunRecord Trigger(TenantData tenant, string workflowName, string inputJson,
        IReadOnlyDictionary<string, string>? metadata, int? priority, DateTimeOffset now,
        Guid? parentTaskExternalId = null, Guid? triggeringEventExternalId = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>Cancels the tasks of the given task or run ids later; returns the ids sent (echo).</summary>
    public IReadOnlyList<Guid> Cancel(TenantData tenant, IReadOnlyList<Guid> externalIds, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>Replays the given task or run ids later; returns the deduped task ids queued for replay.</summary>
    public IReadOnlyList<Guid> Replay(TenantData tenant, IReadOnlyList<Guid> externalIds, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>Run ids matching the filter, newest first, at most <paramref name="limit"/>. Throws FormatException for a bad "k:v".</summary>
    public IReadOnlyList<Guid> SelectRuns(TenantData tenant, RunFilter filter, int limit) =>
        throw new NotImplementedException();
}
