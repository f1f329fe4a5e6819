using Microsoft.OpenApi;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>One operation of the contract: an HTTP method on a path template such as /api/v1/workers/{worker}.</summary>
internal sealed class ContractOperation
{
    private readonly string[] segments;

    public ContractOperation(string method, string pathTemplate, OpenApiOperation operation)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Operation = operation;
        OperationId = operation.OperationId ?? $"{method} {pathTemplate}";
        segments = pathTemplate.Split('/');
    }

    public string Method { get; }

    public string PathTemplate { get; }

    public string OperationId { get; }

    public OpenApiOperation Operation { get; }

    public override string ToString() => $"{Method} {PathTemplate} ({OperationId})";

    /// <summary>
    /// Whether a concrete path matches this template; the score ranks literal segments earlier in the path
    /// higher, so /workflow-runs/trigger beats /workflow-runs/{v1-workflow-run}.
    /// </summary>
    public bool TryMatch(string[] concrete, out long score)
    {
        score = 0;
        if (concrete.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var template = segments[i];
            var isParameter = template.Length > 2 && template[0] == '{' && template[^1] == '}';
            if (isParameter)
            {
                if (concrete[i].Length == 0)
                {
                    return false;
                }

                continue;
            }

            if (!string.Equals(template, concrete[i], StringComparison.Ordinal))
            {
                return false;
            }

            score |= 1L << (62 - Math.Min(i, 62));
        }

        return true;
    }
}
