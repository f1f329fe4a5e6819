using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// The context every response is written through: the source-generated metadata with the same settings as
/// <see cref="EmulatorJsonContext"/>'s attribute, plus Go-like escaping (quotes and apostrophes stay readable, as
/// Go's encoder leaves them, instead of \u0022 and \u0027).
/// </summary>
internal static class EmulatorJson
{
    public static EmulatorJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new GoTimeJsonConverter() },
    });
}
