namespace HatchetMcp.Cli;

/// <summary>A demo step that did not give the answer the next step needs; the demo stops and exits non-zero.</summary>
internal sealed class DemoStepFailedException(string message) : Exception(message);
