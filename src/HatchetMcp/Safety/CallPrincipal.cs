namespace HatchetMcp.Safety;

/// <summary>
/// Who made the call being served, for its audit line: set around each tool call by the caller-rights filter. An
/// async-local value because the write steps are built by the profile's container, which knows nothing of the request.
/// Empty over stdio and for anonymous loopback callers.
/// </summary>
internal static class CallPrincipal
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Name
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}
