using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using NJsonSchema;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>
/// The contract's response schemas compiled for NJsonSchema. Every component schema and every operation
/// response schema is serialised as OpenAPI 3.1 JSON, $refs are pointed at "#/definitions/..", and the lot is
/// parsed once as one JSON Schema document so references resolve to shared objects.
/// </summary>
internal sealed class ContractSchemas
{
    private const string ComponentPrefix = "#/components/schemas/";
    private const string DefinitionPrefix = "#/definitions/";

    private static readonly Lazy<ContractSchemas> PatchedInstance = new(
        () => Build(ContractSpec.Shared, ContractDepartures.All.Where(d => d.Patch is not null).Select(d => d.Patch!)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ContractSchemas> StrictInstance = new(
        () => Build(ContractSpec.Shared, []),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JsonSchema root;
    private readonly Dictionary<(string OperationId, string Status), string> responseKeys;

    private ContractSchemas(JsonSchema root, Dictionary<(string, string), string> responseKeys)
    {
        this.root = root;
        this.responseKeys = responseKeys;
    }

    /// <summary>The contract with every schema patch of <see cref="ContractDepartures"/> applied.</summary>
    public static ContractSchemas Patched => PatchedInstance.Value;

    /// <summary>The contract exactly as written (used to prove a departure is real).</summary>
    public static ContractSchemas Strict => StrictInstance.Value;

    /// <summary>Whether the operation declares this status (or a default response).</summary>
    public static bool Declares(ContractOperation operation, int status) =>
        operation.Operation.Responses is { } responses &&
        (responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) || responses.ContainsKey("default"));

    /// <summary>The JSON body schema for the operation's response with this status, or null when it declares no JSON body.</summary>
    public JsonSchema? ForResponse(ContractOperation operation, int status)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responseKeys.TryGetValue((operation.OperationId, code), out var key) &&
            !responseKeys.TryGetValue((operation.OperationId, "default"), out key))
        {
            return null;
        }

        return root.Definitions[key];
    }

    /// <summary>A named component schema (for example V1TaskSummary).</summary>
    public JsonSchema Component(string name) => root.Definitions[name];

    private static ContractSchemas Build(ContractSpec spec, IEnumerable<RequiredPropertyPatch> patches)
    {
        var definitions = new JsonObject();
        foreach (var (name, schema) in spec.Document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            definitions[name] = ToJsonSchemaNode(schema);
        }

        foreach (var patch in patches)
        {
            var required = definitions[patch.Schema]?["required"] as JsonArray
                ?? throw new InvalidOperationException($"Departure patch: {patch.Schema} has no required list.");
            var entry = required.FirstOrDefault(n => n?.GetValue<string>() == patch.Property)
                ?? throw new InvalidOperationException($"Departure patch: {patch.Schema} does not require {patch.Property}.");
            required.Remove(entry);
        }

        var responseKeys = new Dictionary<(string, string), string>();
        foreach (var operation in spec.Operations)
        {
            foreach (var (status, response) in operation.Operation.Responses ?? [])
            {
                if (response.Content is null || !response.Content.TryGetValue("application/json", out var media) || media.Schema is null)
                {
                    continue;
                }

                var key = $"__response_{responseKeys.Count}";
                responseKeys[(operation.OperationId, status)] = key;
                definitions[key] = ToJsonSchemaNode(media.Schema);
            }
        }

        var document = new JsonObject { ["definitions"] = definitions };
        var root = JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
        return new ContractSchemas(root, responseKeys);
    }

    /// <summary>Serialises an OpenAPI 3.1 schema (a JSON Schema 2020-12 dialect) and adapts it for NJsonSchema.</summary>
    private static JsonNode ToJsonSchemaNode(IOpenApiSchema schema)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        var node = JsonNode.Parse(text.ToString()) ?? throw new InvalidOperationException("A schema serialised to null.");
        Adapt(node);
        return node;
    }

    private static void Adapt(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = DefinitionPrefix + target[ComponentPrefix.Length..];
                }

                // OpenAPI 3.0 "nullable" (should the serialiser keep it) means the 3.1 type list [type, "null"].
                if (obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>() && obj["type"] is JsonValue single)
                {
                    obj["type"] = new JsonArray(single.GetValue<string>(), "null");
                }

                // 3.1 "examples" is a list; NJsonSchema does not read it and it carries no constraint.
                obj.Remove("examples");
                foreach (var (_, child) in obj.ToList())
                {
                    Adapt(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Adapt(child);
                }

                break;
        }
    }
}

/// <summary>Drops one name from a component schema's required list.</summary>
internal sealed record RequiredPropertyPatch(string Schema, string Property);
