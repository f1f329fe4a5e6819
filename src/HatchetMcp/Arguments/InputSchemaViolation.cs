namespace HatchetMcp.Arguments;

/// <summary>One way an input breaks its schema: where (a JSON path, <c>$</c> the input itself) and why, in one line.</summary>
public sealed record InputSchemaViolation(string Path, string Reason);
