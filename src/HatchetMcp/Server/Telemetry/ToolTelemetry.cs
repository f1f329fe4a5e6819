using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HatchetMcp.Server.Telemetry;

/// <summary>
/// The server's own trace source and meter, both named <see cref="Name"/>: one span per tool call and three instruments
/// (calls, errors, duration) tagged by tool. They carry names and outcomes only: never an argument, an answer or the token.
/// Nobody listening (no exporter configured) costs a null check per call.
/// </summary>
public static class ToolTelemetry
{
    /// <summary>The ActivitySource and Meter name; also the default service name.</summary>
    public const string Name = ServerIdentity.Name;

    public const string CallsInstrument = "hatchet_mcp.tool.calls";
    public const string ErrorsInstrument = "hatchet_mcp.tool.errors";
    public const string DurationInstrument = "hatchet_mcp.tool.duration";

    /// <summary>The tool's name (OpenTelemetry's generative-AI convention); unknown names are recorded as <see cref="UnknownTool"/>.</summary>
    public const string ToolTag = "gen_ai.tool.name";
    public const string MethodTag = "mcp.method.name";
    public const string OperationTag = "gen_ai.operation.name";

    /// <summary><see cref="Ok"/>, <see cref="ToolError"/>, <see cref="ProtocolError"/> or <see cref="Cancelled"/>.</summary>
    public const string OutcomeTag = "hatchet_mcp.outcome";

    /// <summary>On errors: the outcome (<see cref="ToolError"/>, <see cref="ProtocolError"/>), as OpenTelemetry's error.type.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The profile (Hatchet connection) the call ran on, when the server has several.</summary>
    public const string ProfileTag = "hatchet_mcp.profile";

    public const string Ok = "ok";

    /// <summary>The tool answered with isError: true (a bad argument, a refusal, Hatchet down, an unexpected fault).</summary>
    public const string ToolError = "tool_error";

    /// <summary>The call was answered with a JSON-RPC error (an argument the SDK could not bind).</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>The client cancelled the call; not counted as an error.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// The tool name recorded for a name the server does not have: a client's text is not a tag value. (The SDK answers
    /// an unknown tool before any filter runs today; this keeps that true if it changes.)
    /// </summary>
    public const string UnknownTool = "(unknown)";

    internal static readonly ActivitySource Source = new(Name, ServerIdentity.Version);

    private static readonly Meter Meter = new(Name, ServerIdentity.Version);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsInstrument, "{call}", "Tool calls answered, by tool and outcome.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsInstrument, "{call}", "Tool calls that ended in an error, by tool and error.type (tool_error, protocol_error).");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "ms", "Time from a tool call's arrival to its answer, by tool and outcome.");

    /// <summary>Whether anything listens: when not, a call is not measured at all.</summary>
    internal static bool IsObserved => Source.HasListeners() || Calls.Enabled || Errors.Enabled || Duration.Enabled;
}
