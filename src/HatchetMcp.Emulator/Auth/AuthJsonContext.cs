using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Auth;

/// <summary>Source-generated JSON for the few values the token code writes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
