using Xunit;

namespace HatchetMcp.Tests.Telemetry;

/// <summary>
/// OpenTelemetry listens to a source by name across the whole process, so a test reading spans and metrics must not run
/// beside other tests' tool calls: this collection runs on its own.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class TelemetryCollection;
