using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>The Hatchet OpenAPI contract, loaded once with Microsoft.OpenApi, with (method, concrete path) lookup.</summary>
internal sealed class ContractSpec
{
    private static readonly Lazy<ContractSpec> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private ContractSpec(OpenApiDocument document, IReadOnlyList<ContractOperation> operations)
    {
        Document = document;
        Operations = operations;
    }

    public static ContractSpec Shared => SharedInstance.Value;

    public OpenApiDocument Document { get; }

    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The operation serving this method and concrete path (query ignored), or null when the contract has none.</summary>
    public ContractOperation? Find(string method, string path)
    {
        var queryStart = path.IndexOf('?', StringComparison.Ordinal);
        var concrete = (queryStart >= 0 ? path[..queryStart] : path).Split('/');
        ContractOperation? best = null;
        var bestScore = -1L;
        foreach (var operation in Operations)
        {
            if (!string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (operation.TryMatch(concrete, out var score) && score > bestScore)
            {
                best = operation;
                bestScore = score;
            }
        }

        return best;
    }

    public ContractOperation FindRequired(string method, string path) =>
        Find(method, path) ?? throw new InvalidOperationException($"The contract has no operation for {method} {path}.");

    private static ContractSpec Load()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(File.ReadAllBytes(ContractFiles.OpenApiYaml));
        var result = OpenApiDocument.Load(stream, "yaml", settings);
        var document = result.Document
            ?? throw new InvalidOperationException(
                "openapi.yaml did not load: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? []));

        var operations = new List<ContractOperation>();
        foreach (var (template, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operations.Add(new ContractOperation(method.Method.ToUpperInvariant(), template, operation));
            }
        }

        return new ContractSpec(document, operations);
    }
}
