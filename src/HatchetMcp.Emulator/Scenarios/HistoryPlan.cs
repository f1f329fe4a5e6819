using HatchetMcp.Emulator.Engine;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>
/// Seeding actions in time order (triggers, cancels, replays, worker changes, a deploy), played through the real
/// engine so the seeded history is exactly what the engine would have produced. Actions may plan further actions.
/// </summary>
internal sealed class HistoryPlan
{
    private readonly PriorityQueue<Action, (long Ticks, long Seq)> _actions = new();
    private long _seq;

    public void At(DateTimeOffset at, Action action) => _actions.Enqueue(action, (at.UtcTicks, ++_seq));

    /// <summary>Runs every action at or before <paramref name="until"/>, advancing the engine to each instant, then to until.</summary>
    public void Play(EmulatorEngine engine, DateTimeOffset until)
    {
        while (_actions.TryPeek(out _, out var key) && key.Ticks <= until.UtcTicks)
        {
            var action = _actions.Dequeue();
            engine.AdvanceTo(new DateTimeOffset(key.Ticks, TimeSpan.Zero));
            action();
        }
        engine.AdvanceTo(until);
    }
}
