namespace HatchetMcp.Arguments;

/// <summary>
/// One way an input breaks its schema: where (a JSON path, <c>$</c> the input itself), the keyword it breaks ("false" for
/// a schema that allows nothing) and why, in one line.
/// </summary>
public sealed record InputSchemaViolation(string Path, string Keyword, string Reason);
