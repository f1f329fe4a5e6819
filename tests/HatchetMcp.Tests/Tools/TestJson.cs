using System.Text.Json.Serialization;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>Source-generated JSON for test helpers (reflection is off in this project, as under Native AOT).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : JsonSerializerContext;
