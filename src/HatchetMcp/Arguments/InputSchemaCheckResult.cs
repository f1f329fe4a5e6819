namespace HatchetMcp.Arguments;

/// <summary>
/// What <see cref="InputSchemaCheck"/> found: the violations (empty when the input passes) and the schema keywords it
/// met but does not enforce (e.g. "format", or "$ref https://…" for a reference outside the schema), sorted.
/// </summary>
public sealed record InputSchemaCheckResult(IReadOnlyList<InputSchemaViolation> Violations, IReadOnlyList<string> UncheckedKeywords)
{
    public bool Passed => Violations.Count == 0;
}
