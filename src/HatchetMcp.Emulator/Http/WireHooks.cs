namespace HatchetMcp.Emulator.Http;

/// <summary>One entry of GET /_emulator/requests.</summary>
internal sealed record WireRecordedRequest(string Method, string Path, string Query, int Status, DateTimeOffset At);

/// <summary>GET /_emulator/requests.</summary>
internal sealed record WireRecordedRequests(List<WireRecordedRequest> Requests);

/// <summary>POST /_emulator/faults body.</summary>
internal sealed class WireFaultRequest
{
    public string? Method { get; init; }
    public string? PathPattern { get; init; }
    public int? Count { get; init; }
    public string? Kind { get; init; }
    public int? Status { get; init; }
    public string? Body { get; init; }
    public int? DelayMs { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public bool? ServeFirst { get; init; }
}

/// <summary>POST /_emulator/time/advance answer.</summary>
internal sealed record WireTimeAdvanced(DateTimeOffset Now);
