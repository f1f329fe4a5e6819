namespace HatchetMcp.Findings;

/// <summary>
/// Runs in one status counted from one page of the runs list: <see cref="Count"/> rows, a lower bound when
/// <see cref="AtLeast"/> (the page was full); <see cref="Error"/> says why it could not be counted.
/// </summary>
public sealed record RunSample(int Count, bool AtLeast, IReadOnlyList<Guid> Ids, string? Error = null);
