namespace HatchetMcp.Emulator.Hooks;

/// <summary>One request the emulator received (test hook); Query is the raw query string without the '?'.
/// Status is 0 when the connection was dropped by an injected fault.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, DateTimeOffset At);
