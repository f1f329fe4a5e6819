using NJsonSchema.Validation;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>Checks one observed response against its operation and status in the contract, allowing listed departures.</summary>
internal sealed class ContractValidator(ContractSpec spec, ContractSchemas schemas)
{
    public static ContractValidator Default { get; } = new(ContractSpec.Shared, ContractSchemas.Patched);

    public ContractVerdict Check(ObservedResponse response)
    {
        var operation = spec.Find(response.Method, response.PathOnly);
        if (operation is null)
        {
            return ContractVerdict.Violation(response, "no operation in the contract serves this method and path");
        }

        var departure = ContractDepartures.All.FirstOrDefault(d => d.Exempts?.Invoke(operation, response) == true);
        if (departure is not null)
        {
            return ContractVerdict.Departure(response, operation, departure);
        }

        if (!ContractSchemas.Declares(operation, response.Status))
        {
            return ContractVerdict.Violation(response, $"{operation.OperationId} declares no {response.Status} response", operation);
        }

        var schema = schemas.ForResponse(operation, response.Status);
        if (schema is null)
        {
            return string.IsNullOrEmpty(response.Body)
                ? ContractVerdict.Conforms(response, operation)
                : ContractVerdict.Violation(response, "the contract declares no JSON body for this status, but one was sent", operation);
        }

        if (string.IsNullOrWhiteSpace(response.Body))
        {
            return ContractVerdict.Violation(response, "the contract declares a JSON body, but the body is empty", operation);
        }

        if (response.TryParseBody() is null && response.Body.Trim() != "null")
        {
            return ContractVerdict.Violation(response, "the body is not JSON", operation);
        }

        var errors = new JsonSchemaValidator().Validate(response.Body, schema);
        return errors.Count == 0
            ? ContractVerdict.Conforms(response, operation)
            : ContractVerdict.Violation(response, string.Join("; ", Flatten(errors).Take(8)), operation);
    }

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return $"{error.Kind} at {error.Path}";
            }
        }
    }
}

/// <summary>The outcome of checking one response: conforms, follows a listed departure, or violates the contract.</summary>
internal sealed record ContractVerdict(ObservedResponse Response, ContractOperation? Operation, ContractDeparture? FollowedDeparture, string? Problem)
{
    public bool IsViolation => Problem is not null;

    public static ContractVerdict Conforms(ObservedResponse response, ContractOperation operation) => new(response, operation, null, null);

    public static ContractVerdict Departure(ObservedResponse response, ContractOperation operation, ContractDeparture departure) =>
        new(response, operation, departure, null);

    public static ContractVerdict Violation(ObservedResponse response, string problem, ContractOperation? operation = null) =>
        new(response, operation, null, problem);

    public override string ToString() =>
        Problem is not null ? $"{Response}: {Problem}; body: {Truncate(Response.Body)}"
        : FollowedDeparture is not null ? $"{Response}: departure {FollowedDeparture}"
        : $"{Response}: conforms";

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
